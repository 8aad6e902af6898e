# a multi-step task file on stdin; context is the working directory
az acr run --registry acrlabbuild --file - . <<'YAML'
version: v1.1.0
steps:
  - build: -t {{.Run.Registry}}/api-gateway:v1.0.0 .
  - push:
    - {{.Run.Registry}}/api-gateway:v1.0.0
YAML
