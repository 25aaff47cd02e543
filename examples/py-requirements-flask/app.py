from flask import Flask, request

app = Flask(__name__)


@app.get("/")
def index():
    name = request.args.get("name", "world")
    return f"hello, {name}, from flask\n"
