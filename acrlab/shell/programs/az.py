"""`az`: the simulated Azure CLI."""

from ..az.framework import az_main

PROGRAMS = {"az": az_main}
