"""The PUT body of Microsoft.Compute/virtualMachines, as far as the lab models a VM (azure-rest-api-specs
specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-07-01/virtualMachine.json:
VirtualMachine, VirtualMachineIdentity, HardwareProfile, StorageProfile.imageReference, OSProfile with its
linuxConfiguration, NetworkProfile with networkInterfaces or networkInterfaceConfigurations). Properties the lab
does not model are ignored, as the service ignores read-only ones."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .registry_body import Body, IdentityType


class VmIdentity(Body):
    type: IdentityType
    user_assigned_identities: dict[str, Any] | None = None
    """Identity resource id -> {} (null removes it, as in the service's update semantics)."""


class HardwareProfile(Body):
    vm_size: str | None = None


class ImageReference(Body):
    publisher: str | None = None
    offer: str | None = None
    sku: str | None = None
    version: str | None = None


class StorageProfile(Body):
    image_reference: ImageReference | None = None


class SshPublicKey(Body):
    path: str | None = None
    key_data: str | None = None


class SshConfiguration(Body):
    public_keys: list[SshPublicKey] = Field(default_factory=list)


class LinuxConfiguration(Body):
    disable_password_authentication: bool | None = None
    ssh: SshConfiguration | None = None


class OsProfile(Body):
    computer_name: str | None = None
    admin_username: str | None = None
    admin_password: str | None = None
    linux_configuration: LinuxConfiguration | None = None


class SubResource(Body):
    id: str


class IpConfigurationProperties(Body):
    subnet: SubResource | None = None
    public_ip_address_configuration: dict[str, Any] | None = Field(default=None,
                                                                    alias="publicIPAddressConfiguration")


class IpConfiguration(Body):
    name: str | None = None
    properties: IpConfigurationProperties = Field(default_factory=IpConfigurationProperties)


class NicConfigurationProperties(Body):
    ip_configurations: list[IpConfiguration] = Field(default_factory=list)


class NicConfiguration(Body):
    name: str
    properties: NicConfigurationProperties = Field(default_factory=NicConfigurationProperties)


class NetworkProfile(Body):
    network_interfaces: list[SubResource] | None = None
    network_interface_configurations: list[NicConfiguration] | None = None
    network_api_version: str | None = None


class VmProperties(Body):
    hardware_profile: HardwareProfile | None = None
    storage_profile: StorageProfile | None = None
    os_profile: OsProfile | None = None
    network_profile: NetworkProfile | None = None


class VmBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    identity: VmIdentity | None = None
    properties: VmProperties = Field(default_factory=VmProperties)
