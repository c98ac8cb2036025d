"""junheng: read, check and consolidate 义务教育均衡发展 work reports."""

__version__ = "0.1.0"
