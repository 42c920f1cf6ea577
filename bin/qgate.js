#!/usr/bin/env node
// The installed `qgate` command: the compiled CLI (npm install builds dist/ through `prepare`).
import '../dist/cli/main.js';
