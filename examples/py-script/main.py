"""A script with the standard library only: the smallest Python image."""
import json
import platform
import sys

if __name__ == "__main__":
    print(f"hello from python {sys.version_info.major}.{sys.version_info.minor}")
    print(json.dumps({"implementation": platform.python_implementation(), "sum": sum(range(10))}))
