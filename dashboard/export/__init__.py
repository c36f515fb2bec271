"""Meeting pack exports: editable PowerPoint, PDF and Excel from the engine."""
