# az acr run with a build step (--cmd is run, not build: use a task file)
cat > build.yaml <<'YAML'
version: v1.1.0
steps:
  - build: -t $Registry/api-gateway:v1.0.0 -f Dockerfile .
  - push: ["$Registry/api-gateway:v1.0.0"]
YAML
az acr run -r acrlabbuild -f build.yaml .
