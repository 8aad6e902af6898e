# Premium first (Private Link needs it), then close the public endpoint
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabsecure -Sku Premium | Out-Null
Update-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabsecure -PublicNetworkAccess Disabled | Out-Null

$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabsecure
$vnet = Get-AzVirtualNetwork -ResourceGroupName rg-networking -Name vnet-production
$subnet = $vnet.Subnets | Where-Object Name -eq 'subnet-private-endpoints'

$connection = New-AzPrivateLinkServiceConnection -Name conn-acr-acrlabsecure `
    -PrivateLinkServiceId $acr.Id -GroupId registry
$pe = New-AzPrivateEndpoint -ResourceGroupName rg-networking -Name pe-acr-acrlabsecure `
    -Location $vnet.Location -Subnet $subnet -PrivateLinkServiceConnection $connection

# The VNet resolves acrlabsecure.azurecr.io to the endpoint's private IP
$zone = New-AzPrivateDnsZone -ResourceGroupName rg-networking -Name privatelink.azurecr.io
New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName rg-networking -ZoneName privatelink.azurecr.io `
    -Name link-vnet-production -VirtualNetworkId $vnet.Id | Out-Null
$config = New-AzPrivateDnsZoneConfig -Name privatelink.azurecr.io -PrivateDnsZoneId $zone.ResourceId
New-AzPrivateDnsZoneGroup -ResourceGroupName rg-networking -PrivateEndpointName $pe.Name `
    -Name default -PrivateDnsZoneConfig $config | Out-Null
