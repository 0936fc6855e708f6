"""Reading the catalogue: files, YAML with line marks, documents, their schemas, the model, the graph."""
