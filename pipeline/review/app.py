"""The review app: a Starlette application over one OUT folder and its store.

Pages (GET) render a report with its figures, findings and items; actions (POST, each with the
page's CSRF token) change the overlay and answer JSON to the page's script (``Accept:
application/json``) or send a plain form back to the page it came from. 「重新生成」 runs in the
background (:mod:`junheng.review.jobs`): ``POST /redraft`` starts it, ``GET /redraft`` shows
its progress (and what changed once it is done), ``GET /redraft/progress`` says how far it is;
while it runs every other page shows the progress and changes are refused. Everything is served
from here (templates and static files of this package); nothing from a CDN.

>>> app = create_app(Path("out"), Path("out/.junheng-store.sqlite"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from junheng.draft.env import default_template_dir
from junheng.draft.overlay import BadCorrectionsFile, Correction, export_data, import_data
from junheng.review import views
from junheng.review.forms import FormError, figure_changes, item_changes, reason
from junheng.review.forms import action as form_action
from junheng.review.jobs import RedraftJob
from junheng.review.security import CsrfError, Guard, Secrets, checked_form
from junheng.review.state import NotFound, State
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

Handler = Callable[[Request], Awaitable[Response]]
_HERE = Path(str(resources.files("junheng.review")))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        STATE=views.STATE,
        KIND=views.KIND,
        LEVELS=views.LEVELS,
        ITEM_KINDS=views.ITEM_KINDS,
        STATUSES=views.STATUSES,
        indicators=views.indicators,
    )
    return env


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _back(form: FormData, fallback: str) -> str:
    """Where a plain form goes after its POST: its ``next`` field when it is a path here."""
    target = form.get("next")
    if isinstance(target, str) and target.startswith("/") and not target.startswith("//"):
        return target
    return fallback


class Pages:
    """The handlers, over one :class:`State`."""

    def __init__(self, state: State, secrets: Secrets) -> None:
        self.state = state
        self.secrets = secrets
        self.env = _environment()
        self.message: str | None = None
        self.job = RedraftJob(state)

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        state = self.state
        context.setdefault("current", None)
        busy = self.job.running
        html = self.env.get_template(name).render(
            csrf=self.secrets.csrf,
            out=state.out,
            busy=busy,
            behind=not busy and state.drafts_behind(),
            recheck=len(state.sorted.recheck),
            corrections=len(state.sorted.holding),
            message=self.message,
            **context,
        )
        self.message = None
        return HTMLResponse(html, status_code=status)

    def _nav(self, current: int = 0, query: str = "") -> views.Nav:
        return views.nav(self.state, current, query.strip()[:100])

    # --- pages ------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        self.state.refresh()
        first = views.next_with_findings(self.state, -1)
        return RedirectResponse(f"/report/{first or 0}", status_code=303)

    async def report(self, request: Request) -> Response:
        self.state.refresh()
        n = int(request.path_params["n"])
        if not 0 <= n < len(self.state.reports):
            return self.render("error.html", 404, error="没有这篇报告（OUT 可能已重新运行）")
        page = views.report_page(self.state, n)
        return self.render(
            "report.html",
            page=page,
            nav=self._nav(n, request.query_params.get("q", "")),
            current=n,
            count=len(self.state.reports),
            prev_flagged=views.next_with_findings(self.state, n, -1),
            next_flagged=views.next_with_findings(self.state, n),
            select=request.query_params.get("sel", ""),
        )

    async def recheck_page(self, request: Request) -> Response:
        self.state.refresh()
        return self.render("recheck.html", entries=self.state.sorted.recheck, nav=self._nav())

    async def base_css(self, request: Request) -> Response:
        """The stylesheet of review.html (templates/_review.css.j2): the same look."""
        css = (default_template_dir() / "_review.css.j2").read_text("utf-8")
        return Response(css, media_type="text/css; charset=utf-8")

    async def export(self, request: Request) -> Response:
        data = export_data(c for c in self.state.overlay.all())
        body = json.dumps(data, ensure_ascii=False, indent=2)
        return Response(
            body,
            media_type="application/json; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="corrections.json"'},
        )

    # --- actions ----------------------------------------------------------------------------

    def _answer(
        self, request: Request, form: FormData, fallback: str, payload: dict[str, Any]
    ) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": True, "behind": self.state.drafts_behind(), **payload})
        return RedirectResponse(_back(form, fallback), status_code=303)

    async def figure(self, request: Request, form: FormData) -> Response:
        i = int(request.path_params["i"])
        act = form_action(form, "figure")
        changes = figure_changes(form) if act == "correct" else {}
        c = self.state.set_figure(i, act, changes)
        row, _ = self.state.figure(i)
        view = views.FigureView(i, row, c.action if c else "open", c, [])
        return self._answer(
            request,
            form,
            "/",
            {
                "id": view.id,
                "state": view.state,
                "label": views.STATE[view.state],
                "value": view.value,
                "title": view.title,
                "indicator": row["indicator"],
                "level": row.get("level") or "",
                "year": row.get("year") or "",
                "raw": row["value"],
                "name": view.label,
            },
        )

    async def finding(self, request: Request, form: FormData) -> Response:
        x = int(request.path_params["x"])
        act = form_action(form, "finding")
        c = self.state.set_finding(x, act, reason(form, act == "dismiss"))
        state = c.action if c else "open"
        return self._answer(
            request,
            form,
            "/",
            {
                "id": f"x{x}",
                "state": state,
                "label": views.STATE[state],
                "reason": c.reason if c else "",
            },
        )

    async def item(self, request: Request, form: FormData) -> Response:
        i = int(request.path_params["i"])
        act = form_action(form, "item")
        changes: dict[str, Any] = {}
        if act == "correct":
            row, _ = self.state.item(i)
            entry = self.state.by_key.get((str(row["file"]), int(row["doc"])))
            problems = {
                int(self.state.rows.items[j]["index"])
                for j in (entry.items if entry else ())
                if self.state.rows.items[j]["kind"] == "problem"
            }
            changes = item_changes(form, problems)
        c = self.state.set_item(i, act, changes)
        state = c.action if c else "open"
        return self._answer(
            request,
            form,
            "/",
            {
                "id": f"i{i}",
                "state": state,
                "label": views.STATE[state],
            },
        )

    async def redraft(self, request: Request, form: FormData) -> Response:
        """Start 「重新生成」 (unless it runs already) and show its progress."""
        self.job.start()
        if _wants_json(request):
            return JSONResponse({"ok": True, **self.job.status().row()}, status_code=202)
        return RedirectResponse("/redraft", status_code=303)

    async def redraft_page(self, request: Request) -> Response:
        """The progress of 「重新生成」 while it runs; what changed once it is done."""
        status = self.job.status()
        if status.running:
            return self.render("redrafting.html", progress=status)
        if status.result is not None and status.result.error is None:
            return self.render("redraft.html", result=status.result, nav=self._nav())
        if status.error:
            return self.render("error.html", 409, error=status.error)
        return RedirectResponse("/", status_code=303)

    async def redraft_progress(self, request: Request) -> Response:
        return JSONResponse(self.job.status().row())

    async def recheck_action(self, request: Request, form: FormData) -> Response:
        n = int(request.path_params["n"])
        if not 0 <= n < len(self.state.sorted.recheck):
            raise NotFound(n)
        if form.get("action") == "carry":
            if not self.state.carry(n):
                self.message = "新版本中找不到唯一相同的句子和数字，请到报告中重新核对"
        else:
            self.state.drop_recheck(n)
        return RedirectResponse("/recheck", status_code=303)

    async def import_(self, request: Request, form: FormData) -> Response:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise FormError("请选择导出的更正文件（.json）")
        try:
            data = json.loads(await upload.read())
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise FormError("更正文件不是 JSON") from None
        try:
            corrections: list[Correction] = import_data(data)
        except BadCorrectionsFile as exc:
            raise FormError(str(exc)) from None
        count = self.state.overlay.put_all(corrections)
        self.state.load()
        self.message = f"已导入 {count} 条更正"
        return RedirectResponse("/recheck" if self.state.sorted.recheck else "/", status_code=303)


BUSY = "正在重新生成，请稍候再改（完成后本页会显示变化）"


def _page(pages: Pages, handler: Handler) -> Handler:
    """A page that shows the progress of 「重新生成」 instead while it runs."""

    async def endpoint(request: Request) -> Response:
        if pages.job.running:
            return RedirectResponse("/redraft", status_code=303)
        return await handler(request)

    return endpoint


def _post(
    pages: Pages,
    handler: Callable[[Request, FormData], Awaitable[Response]],
    while_busy: bool = False,
) -> Handler:
    """A POST handler behind the CSRF check, with form errors answered in one line; refused
    while 「重新生成」 runs unless ``while_busy``."""

    async def endpoint(request: Request) -> Response:
        try:
            form = await checked_form(request)
        except CsrfError:
            return Response("请求缺少有效的 CSRF 令牌，已拒绝", status_code=403)
        if pages.job.running and not while_busy:
            if _wants_json(request):
                return JSONResponse({"ok": False, "error": BUSY}, status_code=409)
            return RedirectResponse("/redraft", status_code=303)
        try:
            return await handler(request, form)
        except FormError as exc:
            if _wants_json(request):
                return JSONResponse({"ok": False, "error": str(exc)}, status_code=400)
            return pages.render("error.html", 400, error=str(exc))
        except NotFound:
            return pages.render("error.html", 404, error="没有这一项（OUT 可能已重新运行）")

    return endpoint


def create_app(out: Path, store: Path, secrets: Secrets | None = None) -> Starlette:
    """The app over ``out`` and the corrections in ``store``."""
    secrets = secrets or Secrets()
    pages = Pages(State(out, store), secrets)
    post = partial(_post, pages)
    page = partial(_page, pages)
    routes = [
        Route("/", page(pages.home)),
        Route("/report/{n:int}", page(pages.report)),
        Route("/recheck", page(pages.recheck_page)),
        Route("/export", page(pages.export)),
        Route("/redraft", pages.redraft_page),
        Route("/redraft/progress", pages.redraft_progress),
        Route("/base.css", pages.base_css),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/figure/{i:int}", post(pages.figure), methods=["POST"]),
        Route("/finding/{x:int}", post(pages.finding), methods=["POST"]),
        Route("/item/{i:int}", post(pages.item), methods=["POST"]),
        Route("/redraft", post(pages.redraft, while_busy=True), methods=["POST"]),
        Route("/recheck/{n:int}", post(pages.recheck_action), methods=["POST"]),
        Route("/import", post(pages.import_), methods=["POST"]),
        Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.secrets = secrets
    app.state.pages = pages
    app.add_middleware(Guard, secrets_=secrets)
    return app
