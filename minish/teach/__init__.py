"""The teaching engine: the lesson file format and its checks."""
