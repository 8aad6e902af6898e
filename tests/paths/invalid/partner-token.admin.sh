# invalid: hands out the admin user
az acr update -n acrlabshared --admin-enabled true
az acr credential show -n acrlabshared
