# One image for the web, worker and scheduler services of compose.yaml (docs/deploy.md).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    SHANYRAQ_VAR_DIR=/var/lib/shanyraq STATIC_ROOT=/app/static MEDIA_ROOT=/srv/shanyraq/media
COPY . .
RUN pip install --no-cache-dir '.[postgres]' \
 && python manage.py compile_catalogs \
 && SHANYRAQ_DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0
ENV SHANYRAQ_DEBUG=0
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
