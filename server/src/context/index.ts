export { createContextResolver, type ContextOptions, type ContextResolver } from './resolver';
export { contextChars } from './text';
