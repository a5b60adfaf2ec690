// fake-indexeddb through a file of the repository: Stryker's sandbox links node_modules, and vitest cannot load a
// setup file named by package from outside the sandbox's root.
import 'fake-indexeddb/auto';
