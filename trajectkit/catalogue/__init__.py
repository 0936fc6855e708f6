"""Reading the catalogue: files, YAML with line marks, documents, the model, the graph."""
