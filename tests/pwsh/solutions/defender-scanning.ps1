# Defender for Containers scans images pushed or imported after the plan is on
Set-AzSecurityPricing -Name Containers -PricingTier Standard | Out-Null
Import-AzContainerRegistryImage -ResourceGroupName rg-containers -RegistryName acrlabscan -SourceRegistryUri docker.io `
    -SourceImage library/nginx:1.27 -TargetTag web:v1
