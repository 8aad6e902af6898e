# no Az cmdlet queues a quick build; PowerShell learners call az from pwsh
az acr build --registry acrlabbuild --image "api-gateway:v1.0.0" --platform linux/amd64 .
