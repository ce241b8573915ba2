# syntax=docker/dockerfile:1
# Build stage: install locked dependencies into a virtualenv.
FROM python:3.12-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.lock /tmp/requirements.lock
RUN /venv/bin/pip install --require-hashes -r /tmp/requirements.lock

# Runtime stage: the app as an unprivileged user.
FROM python:3.12-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=actris_cms.settings.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    PORT=8000
RUN useradd --create-home --uid 1000 actris
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=actris:actris . /app
RUN mkdir -p /app/var/media /app/var/static \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0 \
    && chown -R actris:actris /app/var
USER actris
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["scripts/entrypoint.sh", "web"]
