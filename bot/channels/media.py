"""Fetching a photo a person sent (a receipt), for bot/services/running/receipt_photos.py.

WhatsApp's pictures wait at Twilio behind the account's Basic auth; Telegram's come through
the bot's own get_file. Either way the download stops at MAX_RECEIPT_PHOTO_BYTES, so one
message cannot fill the server's memory, and a failure is None (the volunteer is asked to
type the amount instead), never an error for the webhook.
"""

from __future__ import annotations

import logging

import httpx
from telegram import Bot
from telegram.error import TelegramError

from bot.services.running.receipt_photos import (
    MAX_RECEIPT_PHOTO_BYTES,
    FetchedPhoto,
    TooLarge,
    is_photo_type,
)

log = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
FETCH_TIMEOUT_SECONDS = 20.0


async def read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body, refusing as soon as it passes `cap` (a declared length is checked first)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise TooLarge(declared)
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > cap:
            raise TooLarge(str(len(body)))
    return bytes(body)


async def fetch_twilio_media(url: str, account_sid: str, auth_token: str, api_url: str = "",
                             cap: int | None = None,
                             timeout: float = FETCH_TIMEOUT_SECONDS) -> FetchedPhoto | None:
    """A WhatsApp message's MediaUrl. The account's credentials go only to Twilio's own API
    (or TWILIO_API_URL), never to another host a form might name; Twilio answers with a
    redirect to where the file is stored, which httpx follows without the credentials."""
    cap = cap or MAX_RECEIPT_PHOTO_BYTES
    if api_url and url.startswith(TWILIO_API):
        url = api_url.rstrip("/") + url[len(TWILIO_API):]
    if not url.startswith(((api_url.rstrip("/") or TWILIO_API) + "/", TWILIO_API + "/")):
        log.warning("whatsapp: a media URL not at Twilio was not fetched")
        return None
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=True) as client, \
                client.stream("GET", url, auth=(account_sid, auth_token)) as response:
            if response.status_code != 200:
                log.warning("whatsapp: media answered %s", response.status_code)
                return None
            content_type = response.headers.get("content-type", "")
            if not is_photo_type(content_type):
                return None
            content = await read_capped(response, cap)
    except TooLarge as error:
        log.info("whatsapp: a photo of %s bytes was over the cap", error)
        return None
    except httpx.HTTPError as error:
        log.warning("whatsapp: media not fetched: %s", error.__class__.__name__)
        return None
    return FetchedPhoto(content_type.split(";")[0].strip().lower(), content)


async def fetch_telegram_photo(bot: Bot, file_id: str, file_size: int | None,
                               cap: int | None = None) -> FetchedPhoto | None:
    """The largest size of a Telegram photo, by the bot's get_file and download. Telegram
    re-encodes every photo as JPEG, so that is its type."""
    cap = cap or MAX_RECEIPT_PHOTO_BYTES
    if file_size is not None and file_size > cap:
        return None
    try:
        telegram_file = await bot.get_file(file_id)
        if telegram_file.file_size is not None and telegram_file.file_size > cap:
            return None
        content = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as error:
        log.warning("telegram: photo not fetched: %s", error.__class__.__name__)
        return None
    if len(content) > cap:
        return None
    return FetchedPhoto("image/jpeg", content)
