import os

from celery import Celery

# A broker from the environment; without one, the in-memory transport (one process only).
celery = Celery("tasks", broker=os.environ.get("CELERY_BROKER_URL", "memory://"))


@celery.task
def add(x, y):
    return x + y
