from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def read_root(name: str = "world") -> dict[str, str]:
    return {"greeting": f"hello, {name}, from fastapi"}
