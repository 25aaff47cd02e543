import os

from flask import Flask

from tasks import add

app = Flask(__name__)
# Signs the session cookie: the app does not start without it.
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.get("/")
def index():
    return f"py-celery: 2 + 3 = {add(2, 3)} (the worker adds when a task is queued)\n"
