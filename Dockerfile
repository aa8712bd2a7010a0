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

FROM node:24-bookworm-slim AS runtime
ARG SERVICE PORT
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT} SERVICE=${SERVICE}
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/dist/libs dist/libs
COPY --from=build /app/dist/services/${SERVICE} dist/services/${SERVICE}
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form does not expand variables, so a shell resolves SERVICE and then becomes node.
CMD ["sh", "-c", "exec node dist/services/${SERVICE}/src/main.js"]
