# Retention policies are Premium-only: upgrade, then keep untagged manifests 30 days
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabci -Sku Premium | Out-Null
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabci -RetentionPolicyStatus enabled `
    -RetentionPolicyDay 30 | Select-Object Name, SkuName, RetentionPolicyStatus, RetentionPolicyDay
