"""Executes one notebook headless with nbclient and writes it as a self-contained HTML page.

Driven by scripts/report.mjs (run with Debian's /usr/bin/python3, which has nbclient and nbconvert):

    python3 scripts/run_notebook.py NOTEBOOK --html OUT.html --result OUT.json
        [--kernel tslab] [--cwd DIR] [--timeout SECONDS] [--startup-timeout SECONDS] [--header HTML]

Cells run one by one so a failure names its cell: position in the notebook (1-based, markdown
included), code-cell number, source, error name and message, traceback and the cell's stderr (tslab
reports TypeScript compile errors on stderr with an empty error name). The HTML is written even when
a cell fails (with the outputs up to the failure and a banner), so the failure can be read in context.
Exit status: 0 when every cell ran, 1 when a cell failed or timed out, 2 on a setup problem.
"""
import argparse
import json
import os
import re
import sys
import time
import traceback

import nbformat
from jinja2 import DictLoader
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# The stock 'lab' template loads require.js and MathJax from a CDN. Reports must work offline, and
# require.js would also make plotly's UMD bundle register as an AMD module instead of window.Plotly.
TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block body_header -%}
{{ super() }}
{%- if resources.workbench_header %}
<div class="workbench-header" style="font: 13px/1.4 system-ui, sans-serif; color: #555; padding: 8px 24px; border-bottom: 1px solid #ddd;">{{ resources.workbench_header }}</div>
{%- endif %}
{%- if resources.workbench_failure %}
<div class="workbench-failure" style="font: 14px/1.4 system-ui, sans-serif; background: #fdecea; color: #611a15; padding: 12px 24px; border-bottom: 2px solid #f44336; white-space: pre-wrap;">{{ resources.workbench_failure | e }}</div>
{%- endif %}
{%- endblock body_header -%}
"""


def strip_ansi(text):
    return ANSI.sub("", text or "")


def cell_stderr(cell):
    return "".join(
        o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )


def cell_error_output(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return o
    return None


COMPILE_ERROR = re.compile(r"^\d+:\d+ - ")
THROWN = re.compile(r"^((?:[A-Za-z_$][\w$]*)?(?:Error|Exception))(?:: (.*))?$")


def parse_tslab_stderr(stderr):
    """(name, message) from tslab's stderr: it reports both compile and runtime errors there only."""
    lines = [l for l in stderr.splitlines() if l.strip()]
    compile_errors = [l for l in lines if COMPILE_ERROR.match(l)]
    if compile_errors:
        # TypeScript diagnostics: "line:col - message", one per line.
        return "TypeScriptError", "; ".join(compile_errors)
    for line in lines:
        m = THROWN.match(line.strip())
        if m:
            return m.group(1), m.group(2) or ""
    return "Error", lines[0] if lines else ""


def describe_failure(nb, index, exc):
    """A dict naming the failing cell and what went wrong."""
    cell = nb.cells[index]
    code_number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    err = cell_error_output(cell)
    if isinstance(exc, CellTimeoutError):
        ename, evalue, tb = "CellTimeoutError", strip_ansi(str(exc)).splitlines()[0], ""
    elif isinstance(exc, DeadKernelError):
        ename, evalue, tb = "DeadKernelError", strip_ansi(str(exc)), ""
    elif isinstance(exc, CellExecutionError):
        ename = (err or {}).get("ename") or getattr(exc, "ename", "") or ""
        evalue = (err or {}).get("evalue") or getattr(exc, "evalue", "") or ""
        tb = strip_ansi("\n".join((err or {}).get("traceback", [])))
    else:
        ename, evalue, tb = type(exc).__name__, str(exc), traceback.format_exc()
    stderr = strip_ansi(cell_stderr(cell))
    if ename in ("", "<Error>") and stderr.strip():
        ename, evalue = parse_tslab_stderr(stderr)
    return {
        "cell": index + 1,
        "codeCell": code_number,
        "source": cell.source,
        "ename": ename or "Error",
        "evalue": evalue,
        "traceback": tb,
        "stderr": stderr,
    }


def export_html(nb, header, failure_text):
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"workbench.html.j2": TEMPLATE})])
    exporter.template_file = "workbench.html.j2"
    resources = {"workbench_header": header, "workbench_failure": failure_text}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook")
    ap.add_argument("--html", required=True)
    ap.add_argument("--result", required=True)
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--cwd", default=None, help="kernel working directory (default: the notebook's folder)")
    ap.add_argument("--timeout", type=int, default=4 * 3600, help="per-cell timeout in seconds")
    ap.add_argument("--startup-timeout", type=int, default=120)
    ap.add_argument("--header", default="", help="HTML line shown at the top of the page")
    args = ap.parse_args()

    cwd = args.cwd or os.path.dirname(os.path.abspath(args.notebook))
    result = {"notebook": args.notebook, "ok": False, "kernelSeconds": None, "seconds": None, "failure": None,
              "cellSeconds": []}
    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        allow_errors=False,
        resources={"metadata": {"path": cwd}},
    )
    client.reset_execution_trackers()
    t0 = time.time()
    failure_text = ""
    status = 1
    index = -1
    try:
        with client.setup_kernel():
            result["kernelSeconds"] = round(time.time() - t0, 3)
            info = client.wait_for_reply(client.kc.kernel_info())
            if info is not None and "language_info" in info["content"]:
                nb.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(nb.cells):
                t_cell = time.time()
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                if cell.cell_type == "code":
                    result["cellSeconds"].append([index + 1, round(time.time() - t_cell, 3)])
            index = -1
        result["ok"] = True
        status = 0
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        if index < 0:
            raise
        failure = describe_failure(nb, index, exc)
        result["failure"] = failure
        failure_text = "This notebook failed at cell {} (code cell {}): {}: {}".format(
            failure["cell"], failure["codeCell"], failure["ename"], failure["evalue"]
        )
    except Exception as exc:  # kernel did not start, bad kernel name, ...
        result["failure"] = {"cell": None, "ename": type(exc).__name__, "evalue": strip_ansi(str(exc)),
                             "traceback": traceback.format_exc()}
        failure_text = "This notebook could not run: {}: {}".format(type(exc).__name__, strip_ansi(str(exc)))
        status = 2
    result["seconds"] = round(time.time() - t0, 3)

    if result["kernelSeconds"] is not None:
        html = export_html(nb, args.header, failure_text)
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(html)
        result["html"] = args.html
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    return status


if __name__ == "__main__":
    sys.exit(main())
