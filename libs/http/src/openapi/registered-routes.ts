import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

/** One controller method with an HTTP decorator, as Nest registered it. */
export interface RegisteredRoute {
  /** Lower case, as OpenAPI keys operations: `post`. */
  method: string;
  /** OpenAPI's form: `/journals/{journalId}/lessons`. */
  path: string;
  controller: Type<unknown>;
  handler: (...args: unknown[]) => unknown;
  /** `RecordLessonController.record`. */
  name: string;
}

/** The metadata of the route's method, else of its controller (Nest's `getAllAndOverride`). */
export function routeMetadata<T>(route: RegisteredRoute, key: string): T | undefined {
  return (
    (Reflect.getMetadata(key, route.handler) as T | undefined) ??
    (Reflect.getMetadata(key, route.controller) as T | undefined)
  );
}

/** The problem codes the route's zod pipes answer a 400 with (`JOURNAL.INVALID_REQUEST`). */
export function validationCodes(route: RegisteredRoute): string[] {
  const args: Record<string, { pipes?: unknown[] }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.name.split('.')[1] ?? '') ??
    {};
  const pipes = Object.values(args).flatMap((arg) => arg.pipes ?? []);
  const codes = pipes.flatMap((pipe) => (pipe instanceof ZodValidationPipe ? [pipe.code] : []));
  return [...new Set(codes)];
}

/** Every route of every controller of the application, in module order. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const controllers = new Set<Type<unknown>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) controllers.add(wrapper.metatype as Type);
  }
  return [...controllers].flatMap(routesOf);
}

function routesOf(controller: Type<unknown>): RegisteredRoute[] {
  const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value;
    if (typeof handler !== 'function') return [];
    const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
    const paths: unknown = Reflect.getMetadata(PATH_METADATA, handler);
    if (method === undefined || paths === undefined || name === 'constructor') return [];
    return prefixes.flatMap((prefix) =>
      asList(paths).map((path) => ({
        method: RequestMethod[method].toLowerCase(),
        path: openApiPath(prefix, path),
        controller,
        handler,
        name: `${controller.name}.${name}`,
      })),
    );
  });
}

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : ''];

function openApiPath(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return joined.replace(/:(\w+)/g, '{$1}');
}
