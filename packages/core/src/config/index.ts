// Config loading lives behind its own entry so commands that need no config never import it.
export {};
