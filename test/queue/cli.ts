// The `workbench` command run from source (tests spawn it as a real process; bin/workbench.js needs dist/).
import { main } from '../../lib/cli/main';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
