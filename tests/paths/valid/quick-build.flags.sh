az acr build -r acrlabbuild -t api-gateway:v1.0.0 .
