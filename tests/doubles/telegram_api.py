"""A Telegram Bot API double: the methods Neighbourly uses, over real HTTP.

It keeps what the bot sent (messages, edits, answered button presses), hands
out updates through getUpdates (long polling, honouring offset and timeout)
or leaves the test to POST them to the webhook, and can be told to fail:
429 with retry_after, or 500, for the next few sendMessage calls; 500 for the
next few calls of any method (`fail_next`); or 500 for everything while
`outage` is set (the Bot API down). A document
(sendDocument, uploaded as multipart/form-data) is kept as a message whose
text is its caption, with the file's name and bytes.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TOKEN = "123456:TEST-token"
BOT = {"id": 123456, "is_bot": True, "first_name": "Thurrock Hub", "username": "thurrock_hub_bot",
       "can_join_groups": False, "can_read_all_group_messages": False,
       "supports_inline_queries": False}


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    reply_markup: dict | None
    # A document: its file name and content; `text` is then its caption.
    filename: str | None = None
    content: bytes | None = None

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, value) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b["callback_data"]) for row in rows for b in row]

    def as_json(self) -> dict:
        message = {"message_id": self.message_id, "date": int(time.time()), "from": BOT,
                   "chat": {"id": self.chat_id, "type": "private"}}
        if self.filename is None:
            message["text"] = self.text
        else:
            message["caption"] = self.text
            message["document"] = {"file_id": f"doc{self.message_id}",
                                   "file_unique_id": f"u{self.message_id}",
                                   "file_name": self.filename,
                                   "file_size": len(self.content or b"")}
        if self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class FakeTelegram:
    token: str = TOKEN
    sent: list[SentMessage] = field(default_factory=list)
    edits: list[dict] = field(default_factory=list)
    answered_callbacks: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    webhook: dict = field(default_factory=dict)
    # Failures for the next sendMessage calls: (HTTP status, retry_after or None).
    failures: deque = field(default_factory=deque)
    blocked_by: set[int] = field(default_factory=set)
    # While set, every call answers 500, as when the Bot API is down.
    outage: bool = False
    # Files people sent (photos), by file_id: getFile names them and /file/bot<token>/<path>
    # serves them, as the Bot API does; `file_downloads` counts what was fetched.
    files: dict[str, bytes] = field(default_factory=dict)
    file_downloads: int = 0

    def __post_init__(self) -> None:
        # How many of the next calls of a method answer 500, by method.
        self._failing_calls: dict[str, int] = {}
        self._updates: list[dict] = []
        self._new_update = asyncio.Event()
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._sent_changed = asyncio.Event()
        self.app = Starlette(routes=[
            Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", self._download, methods=["GET"])])

    # What a test does as a Telegram user.

    def user(self, user_id: int, first_name: str = "Ian") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    def message_update(self, user_id: int, **content) -> dict:
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": user_id, "type": "private"}, "from": self.user(user_id),
                   **content}
        return {"update_id": next(self._update_ids), "message": message}

    def text_update(self, user_id: int, text: str) -> dict:
        content: dict = {"text": text}
        if text.startswith("/"):
            command = text.split(" ", 1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.message_update(user_id, **content)

    def button_update(self, user_id: int, message: SentMessage, value: str) -> dict:
        return {"update_id": next(self._update_ids), "callback_query": {
            "id": f"cq{next(self._message_ids)}", "from": self.user(user_id),
            "chat_instance": "ci", "data": value, "message": message.as_json()}}

    def location_update(self, user_id: int, latitude: float, longitude: float) -> dict:
        return self.message_update(user_id, location={"latitude": latitude,
                                                      "longitude": longitude})

    def contact_update(self, user_id: int, phone: str, owner: int | None) -> dict:
        return self.message_update(user_id, contact={"phone_number": phone, "first_name": "Ian",
                                                     "user_id": owner})

    def media_update(self, user_id: int, kind: str, caption: str | None = None,
                     content: bytes | None = None) -> dict:
        """A message with no text: a photo, sticker, voice note, video or document as the
        Telegram app sends it, or ("nothing") a message carrying no content at all.
        `content`: the file's bytes, which getFile and the download then give."""
        file = {"file_id": f"{kind}{next(self._message_ids)}", "file_unique_id": f"u{kind}"}
        if content is not None:
            self.files[file["file_id"]] = content
            file["file_size"] = len(content)
        content = {
            "photo": {"photo": [{**file, "width": 90, "height": 60},
                                {**file, "width": 1280, "height": 960}]},
            "sticker": {"sticker": {**file, "type": "regular", "width": 512, "height": 512,
                                    "is_animated": False, "is_video": False, "emoji": "👍"}},
            "voice": {"voice": {**file, "duration": 7, "mime_type": "audio/ogg"}},
            "video": {"video": {**file, "width": 640, "height": 480, "duration": 12}},
            "document": {"document": {**file, "file_name": "receipt.pdf"}},
            "nothing": {},
        }[kind]
        if caption is not None:
            content["caption"] = caption
        return self.message_update(user_id, **content)

    def fail_next(self, method: str, times: int = 1) -> None:
        """The next `times` calls of `method` (say getMe) answer 500."""
        self._failing_calls[method] = self._failing_calls.get(method, 0) + times

    def push(self, update: dict) -> dict:
        """Queue an update for getUpdates (long polling)."""
        self._updates.append(update)
        self._new_update.set()
        return update

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.sent if m.chat_id == chat_id]

    async def wait_for_messages(self, chat_id: int, count: int, timeout: float = 5.0
                                ) -> list[SentMessage]:
        """Wait until `count` messages have reached the chat; returns them all."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.messages_to(chat_id)) < count:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                texts = [m.text[:60] for m in self.messages_to(chat_id)]
                raise AssertionError(f"expected {count} messages to {chat_id}, got {texts}")
            self._sent_changed.clear()
            try:
                await asyncio.wait_for(self._sent_changed.wait(), remaining)
            except TimeoutError:
                pass
        return self.messages_to(chat_id)

    # The API.

    async def _api(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.path_params["method"]
        self.calls.append(method)
        if self.outage or self._failing_calls.get(method, 0) > 0:
            if not self.outage:
                self._failing_calls[method] -= 1
            return self._error(500, "Internal Server Error")
        params = await self._params(request)
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        return await handler(params)

    @staticmethod
    async def _params(request: Request) -> dict:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("application/json"):
            return await request.json()
        if content_type.startswith("multipart/form-data"):
            return FakeTelegram._multipart(content_type, await request.body())
        params = {}
        for key, value in parse_qsl((await request.body()).decode(), keep_blank_values=True):
            # PTB form-encodes objects and lists as JSON, and text as itself.
            params[key] = json.loads(value) if value[:1] in ("{", "[") else value
        return params

    @staticmethod
    def _multipart(content_type: str, body: bytes) -> dict:
        """A file upload's fields: text as itself (or JSON), a file as (name, bytes)."""
        parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params: dict = {}
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            value = part.get_payload(decode=True)
            if part.get_filename() is not None:
                params[name] = (part.get_filename(), value)
                continue
            text = value.decode()
            params[name] = json.loads(text) if text[:1] in ("{", "[") else text
        return params

    @staticmethod
    def _ok(result) -> JSONResponse:
        return JSONResponse({"ok": True, "result": result})

    @staticmethod
    def _error(status: int, description: str, retry_after: int | None = None) -> JSONResponse:
        body = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return JSONResponse(body, status_code=status)

    async def _getFile(self, params: dict) -> JSONResponse:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            return self._error(400, "Bad Request: invalid file_id")
        return self._ok({"file_id": file_id, "file_unique_id": f"u{file_id}",
                         "file_size": len(self.files[file_id]),
                         "file_path": f"photos/{file_id}.jpg"})

    async def _download(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return self._error(401, "Unauthorized")
        file_id = request.path_params["path"].removeprefix("photos/").removesuffix(".jpg")
        if file_id not in self.files:
            return self._error(404, "Not Found")
        self.file_downloads += 1
        return Response(self.files[file_id], media_type="image/jpeg")

    async def _getMe(self, params: dict) -> JSONResponse:
        return self._ok(BOT)

    async def _deleteWebhook(self, params: dict) -> JSONResponse:
        self.webhook = {}
        return self._ok(True)

    async def _setWebhook(self, params: dict) -> JSONResponse:
        self.webhook = {"url": params.get("url"), "secret_token": params.get("secret_token")}
        return self._ok(True)

    async def _getUpdates(self, params: dict) -> JSONResponse:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout") or 0))
            except TimeoutError:
                pass
        return self._ok(list(self._updates))

    async def _sendMessage(self, params: dict) -> JSONResponse:
        if self.failures:
            status, retry_after = self.failures.popleft()
            return self._error(status, "Too Many Requests" if status == 429 else "Internal Error",
                               retry_after)
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_by:
            return self._error(403, "Forbidden: bot was blocked by the user")
        message = SentMessage(chat_id, next(self._message_ids), params["text"],
                              params.get("reply_markup"))
        self.sent.append(message)
        self._sent_changed.set()
        return self._ok(message.as_json())

    async def _sendDocument(self, params: dict) -> JSONResponse:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_by:
            return self._error(403, "Forbidden: bot was blocked by the user")
        document = params.get("document")
        if not isinstance(document, tuple):
            return self._error(400, "Bad Request: there is no document in the request")
        filename, content = document
        message = SentMessage(chat_id, next(self._message_ids), params.get("caption", ""),
                              params.get("reply_markup"), filename, content)
        self.sent.append(message)
        self._sent_changed.set()
        return self._ok(message.as_json())

    async def _answerCallbackQuery(self, params: dict) -> JSONResponse:
        self.answered_callbacks.append(params["callback_query_id"])
        return self._ok(True)

    async def _editMessageText(self, params: dict) -> JSONResponse:
        self.edits.append(params)
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        for message in self.sent:
            if (message.chat_id, message.message_id) == (chat_id, message_id):
                message.text, message.reply_markup = params["text"], params.get("reply_markup")
                return self._ok(message.as_json())
        return self._error(400, "Bad Request: message to edit not found")
