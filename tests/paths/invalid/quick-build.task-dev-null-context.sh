# invalid: with -c /dev/null az encodes the -f file as a task YAML, so the Dockerfile is "no steps found"
az acr task create -n build-api -r acrlabbuild -t api-gateway:v1.0.0 -f Dockerfile --context /dev/null --commit-trigger-enabled false
az acr task run -n build-api -r acrlabbuild -c .
