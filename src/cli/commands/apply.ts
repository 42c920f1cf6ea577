import type { Command } from 'commander';
import type { Ctx } from '../command-kit.js';
export function registerApply(_program: Command, _ctx: Ctx): void {}
