# The production VNet has no private path to the registry: add an endpoint there, with its DNS
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabvault
$vnet = Get-AzVirtualNetwork -ResourceGroupName rg-networking -Name vnet-production
$subnet = $vnet.Subnets | Where-Object Name -eq 'subnet-private-endpoints'
$connection = New-AzPrivateLinkServiceConnection -Name conn-acr-acrlabvault-prod -PrivateLinkServiceId $acr.Id `
    -GroupId registry
$pe = New-AzPrivateEndpoint -ResourceGroupName rg-networking -Name pe-acr-acrlabvault-prod -Location $vnet.Location `
    -Subnet $subnet -PrivateLinkServiceConnection $connection
$zone = Get-AzPrivateDnsZone -ResourceGroupName rg-networking -Name privatelink.azurecr.io -ErrorAction SilentlyContinue
if (-not $zone) { $zone = New-AzPrivateDnsZone -ResourceGroupName rg-networking -Name privatelink.azurecr.io }
New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName rg-networking -ZoneName privatelink.azurecr.io `
    -Name link-production -VirtualNetworkId $vnet.Id | Out-Null
$config = New-AzPrivateDnsZoneConfig -Name privatelink.azurecr.io -PrivateDnsZoneId $zone.ResourceId
New-AzPrivateDnsZoneGroup -ResourceGroupName rg-networking -PrivateEndpointName $pe.Name -Name default `
    -PrivateDnsZoneConfig $config | Out-Null
