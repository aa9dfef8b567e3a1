# Production image: gunicorn for the web process, the same image for Celery workers.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=conflict_tracker.settings

RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 tracker

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY package.json package-lock.json* ./
RUN if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi
COPY . .
RUN pip install --no-deps -e . \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && mkdir -p /data/media && chown -R tracker /data /app

USER tracker
ENV MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "conflict_tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
