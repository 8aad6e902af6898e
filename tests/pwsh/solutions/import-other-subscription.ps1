# The source registry is in the Production subscription: read its resource id there, then import from the
# subscription the target registry is in.
Set-AzContext -Subscription Production | Out-Null
$source = Get-AzContainerRegistry -ResourceGroupName rg-platform -Name acrlabplatform
Set-AzContext -Subscription "AZ-104 Lab Subscription" | Out-Null
Import-AzContainerRegistryImage -ResourceGroupName rg-containers -RegistryName acrlabapps `
    -SourceRegistryResourceId $source.Id -SourceImage base/runtime:1.4
