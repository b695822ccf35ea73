// core/ runs in Node and in browsers, so it compiles without DOM or Node typings. These two host functions exist in
// both runtimes; declaring them here keeps every other host API out of reach of the domain code.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function structuredClone<T>(value: T): T;
