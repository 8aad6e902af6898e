# One group holds the push right; people join or leave the group, the registry's assignments never change
$group = New-AzADGroup -DisplayName acr-web-pushers -MailNickname acr-web-pushers
foreach ($upn in 'ana@contoso.onmicrosoft.com', 'ben@contoso.onmicrosoft.com') {
    $user = Get-AzADUser -UserPrincipalName $upn
    Add-AzADGroupMember -TargetGroupObjectId $group.Id -MemberObjectId $user.Id
}
$acr = Get-AzContainerRegistry -ResourceGroupName rg-containers -Name acrlabteam
New-AzRoleAssignment -ObjectId $group.Id -RoleDefinitionName AcrPush -Scope $acr.Id | Out-Null
