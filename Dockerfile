# syntax=docker/dockerfile:1
# One image per service:
#   docker build --build-arg SERVICE=journal --build-arg PORT=3102 -t ejournal/journal .

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.base.json .swcrc ./
COPY tools/build.mjs tools/
COPY libs libs
COPY services services
COPY apps apps
RUN npm run build
ARG SERVICE PORT
RUN test -f "dist/services/${SERVICE}/src/main.js" && test -n "${PORT}" || { \
      echo "set --build-arg SERVICE=<$(ls dist/services | paste -sd '|')> and --build-arg PORT=<its port>" >&2; \
      exit 1; }

# Installed apart from the build so that source changes do not reinstall production deps.
FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# The web application (apps/web): its static bundle and the server with the reverse proxy to
# the four services; Node.js built-ins only, so no node_modules:
#   docker build --target web -t ejournal/web .
FROM deps AS web-build
COPY tsconfig.base.json .swcrc ./
COPY tools/build.mjs tools/
COPY libs libs
COPY services services
COPY apps apps
RUN npm run build

FROM node:24-bookworm-slim AS web
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3100
WORKDIR /app
COPY --from=web-build /app/dist/apps/web dist/apps/web
USER node
EXPOSE 3100
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3100/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/web/server/main.js"]

FROM node:24-bookworm-slim AS runtime
ARG SERVICE PORT
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT} SERVICE=${SERVICE}
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/dist/libs dist/libs
COPY --from=build /app/dist/services/${SERVICE} dist/services/${SERVICE}
# The archive's filesystem document store (DOCUMENT_STORE_DIR): a volume mounted here takes
# this directory's owner, so the unprivileged user can write to it.
RUN mkdir -p /var/lib/ejournal/documents && chown node:node /var/lib/ejournal/documents
# The archive's year-end PDFs embed DejaVu Sans (Cyrillic) and carry an sRGB output intent:
# both from Debian packages, installed in the archive's image only.
RUN if [ "${SERVICE}" = archive ]; then \
      apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core colord-data && \
      rm -rf /var/lib/apt/lists/*; \
    fi
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form does not expand variables, so a shell resolves SERVICE and then becomes node.
CMD ["sh", "-c", "exec node dist/services/${SERVICE}/src/main.js"]
