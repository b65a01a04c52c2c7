"""Local stand-ins for the Telegram Bot API and Twilio's REST API, served on
127.0.0.1 by the tests so the real python-telegram-bot and twilio clients
talk to them over HTTP."""
