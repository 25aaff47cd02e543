import requests

if __name__ == "__main__":
    print(f"requests {requests.__version__}")
    print(requests.Request("GET", "http://example.invalid/", params={"q": "pipenv"}).prepare().url)
