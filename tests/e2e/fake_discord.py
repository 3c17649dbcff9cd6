"""A fake Discord on 127.0.0.1: gateway v10 over a websocket plus the REST routes a bot uses.

The real discord.py client runs against it unmodified (see ``conftest.py`` for the patching of
``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY``). Tests drive it from the other side:
they dispatch messages and interactions, inject gateway and REST faults, and assert on what the
bot sent, which is recorded in plain lists and dicts.

Payload shapes follow discord.py 2.7 (``state.py``, ``gateway.py``, ``http.py``,
``interactions.py``, ``webhook/async_.py``) and the public API documentation.
"""

# ruff: noqa: ASYNC109  (the wait_for_* helpers take ``timeout=`` by design, like asyncio.wait_for)
from __future__ import annotations

import asyncio
import contextlib
import copy
import fnmatch
import json
import logging
import re
import secrets
import socket
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypedDict, TypeVar

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

JSON = dict[str, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_T = TypeVar("_T")
PAYLOAD_KEY: web.RequestKey[Any] = web.RequestKey("payload", object)
FILES_KEY: web.RequestKey[list[str]] = web.RequestKey("files", list)

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
FIRST_ID_MS = 1_717_200_000_000  # 2024-06-01: ids are deterministic and increase by one millisecond each
DEFAULT_TIMEOUT = 5.0

# Gateway opcodes.
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE_UPDATE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_GUILD_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Gateway intents the fake enforces.
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Channel types.
CHANNEL_TEXT = 0
CHANNEL_DM = 1
CHANNEL_PUBLIC_THREAD = 11
CHANNEL_PRIVATE_THREAD = 12
THREAD_TYPES = frozenset({10, CHANNEL_PUBLIC_THREAD, CHANNEL_PRIVATE_THREAD})

# Interaction types and callback types.
INTERACTION_APPLICATION_COMMAND = 2
INTERACTION_MESSAGE_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
CALLBACK_CHANNEL_MESSAGE = 4
CALLBACK_DEFERRED_CHANNEL_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE_MESSAGE = 6
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE_RESULT = 8

# Message flags.
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19
MESSAGE_CHAT_INPUT_COMMAND = 20

# Permission bits.
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 53) - 1
EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
    | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_MESSAGES

APPLICATION_FLAG_GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19

_ERROR_BODIES: dict[int, JSON] = {
    400: {"message": "Invalid Form Body", "code": 50035, "errors": {}},
    401: {"message": "401: Unauthorized", "code": 0},
    403: {"message": "Missing Permissions", "code": 50013},
    404: {"message": "404: Not Found", "code": 0},
    500: {"message": "500: Internal Server Error", "code": 0},
    502: {"message": "502: Bad Gateway", "code": 0},
    503: {"message": "503: Service Unavailable", "code": 0},
    504: {"message": "504: Gateway Timeout", "code": 0},
}


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json`` (discord.py compares it verbatim)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={**(headers or {}), "Content-Type": "application/json"}
    )


def _error_response(status: int, message: str | None = None, code: int | None = None) -> web.Response:
    body = dict(_ERROR_BODIES.get(status, {"message": f"{status}: Fake Discord error", "code": 0}))
    if message is not None:
        body["message"] = message
    if code is not None:
        body["code"] = code
    return _json_response(body, status)


def _no_content() -> web.Response:
    return web.Response(status=204)


def _path_matches(pattern: str | re.Pattern[str], path: str) -> bool:
    if isinstance(pattern, re.Pattern):
        return pattern.fullmatch(path) is not None
    return fnmatch.fnmatchcase(path, pattern.removeprefix(API_PREFIX))


# --------------------------------------------------------------------------------------------- state


@dataclass
class FakeUser:
    """A Discord user (or the bot)."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> JSON:
        """The user object Discord sends."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }

    @property
    def mention(self) -> str:
        """``<@id>``, as typed in a message that mentions the user."""
        return f"<@{self.id}>"


@dataclass
class FakeRole:
    """A guild role; ``id == guild id`` for @everyone."""

    id: int
    name: str
    permissions: int = 0
    position: int = 0
    bot_id: int | None = None

    def payload(self) -> JSON:
        """The role object Discord sends."""
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.bot_id is not None,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class FakeChannel:
    """A guild text channel, a thread (``parent_id`` set) or a DM channel (``recipients`` set)."""

    id: int
    name: str | None
    type: int = CHANNEL_TEXT
    guild_id: int | None = None
    parent_id: int | None = None
    position: int = 0
    topic: str | None = None
    owner_id: int | None = None
    recipients: list[FakeUser] = field(default_factory=list)
    last_message_id: int | None = None
    bot_denied: int = 0  # permissions denied to the bot here: a stand-in for permission overwrites

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    @property
    def is_dm(self) -> bool:
        return self.type == CHANNEL_DM

    def payload(self) -> JSON:
        """The channel object Discord sends (guild channel, thread or DM)."""
        last = None if self.last_message_id is None else str(self.last_message_id)
        if self.is_dm:
            return {
                "id": str(self.id),
                "type": self.type,
                "last_message_id": last,
                "recipients": [user.payload() for user in self.recipients],
                "flags": 0,
            }
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "last_message_id": last,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if self.is_thread:
            created = _now_iso()
            data.update(
                parent_id=str(self.parent_id),
                owner_id=None if self.owner_id is None else str(self.owner_id),
                message_count=0,
                member_count=1,
                total_message_sent=0,
                thread_metadata={
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": created,
                    "locked": False,
                    "invitable": True,
                    "create_timestamp": created,
                },
            )
        else:
            data.update(
                position=self.position,
                permission_overwrites=[],
                parent_id=None if self.parent_id is None else str(self.parent_id),
                topic=self.topic,
                nsfw=False,
                default_auto_archive_duration=1440,
            )
        return data


@dataclass
class FakeMember:
    """A user's membership of a guild: role ids and a nickname."""

    user: FakeUser
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=_now_iso)

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> JSON:
        """The guild member object; interactions add ``permissions``, message payloads omit ``user``."""
        data: JSON = {
            "roles": [str(role) for role in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class FakeGuild:
    """A guild with its channels, threads, roles and members."""

    id: int
    name: str
    owner_id: int
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    roles: dict[int, FakeRole] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    def permissions_for(self, user_id: int, channel: FakeChannel | None = None) -> int:
        """Guild-level permissions; owner and administrators get all; ``channel.bot_denied`` applies to the bot."""
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        value = self.everyone.permissions
        member = self.members.get(user_id)
        for role_id in member.roles if member else ():
            role = self.roles.get(role_id)
            if role is not None:
                value |= role.permissions
        if value & ADMINISTRATOR:
            return ALL_PERMISSIONS
        if channel is not None and member is not None and member.user.bot:
            value &= ~channel.bot_denied
        return value

    def payload(self) -> JSON:
        """The full GUILD_CREATE payload."""
        channels = [c.payload() for c in self.channels.values() if not c.is_thread]
        threads = [c.payload() for c in self.channels.values() if c.is_thread]
        first_text = next((c.id for c in self.channels.values() if c.type == CHANNEL_TEXT), None)
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [role.payload() for role in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None if first_text is None else str(first_text),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "joined_at": _now_iso(),
            "large": False,
            "unavailable": False,
            "lazy": True,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [member.payload() for member in self.members.values()],
            "channels": channels,
            "threads": threads,
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "embedded_activities": [],
        }


# ------------------------------------------------------------------------------------------ records


class SentMessage(TypedDict):
    """A message the bot posted with ``POST /channels/{id}/messages``."""

    route: str
    channel_id: int
    payload: JSON
    message: JSON
    files: list[str]
    timestamp: float


class ChannelAction(TypedDict):
    """An edit, delete, reaction or typing call on a channel or message."""

    action: str
    channel_id: int
    message_id: int | None
    emoji: str | None
    payload: JSON | None
    timestamp: float


@dataclass
class RequestRecord:
    """One REST request as the fake received it (``path`` is relative to ``/api/v10``)."""

    method: str
    path: str
    query: dict[str, str]
    payload: Any
    status: int = 0
    fault: bool = False
    timestamp: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    """A queued REST failure: the next ``remaining`` matching requests get ``status``."""

    method: str
    pattern: str | re.Pattern[str]
    status: int
    remaining: int
    retry_after: float | None = None
    is_global: bool = False
    message: str | None = None
    code: int | None = None

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and self.method in ("*", method.upper()) and _path_matches(self.pattern, path)

    def response(self) -> web.Response:
        """The error response, shaped like Discord's (a 429 has the headers discord.py needs to retry)."""
        if self.status != 429:
            return _error_response(self.status, self.message, self.code)
        retry_after = 0.05 if self.retry_after is None else self.retry_after
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(max(1, round(retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Bucket": "fake-bucket",
            "X-RateLimit-Scope": "global" if self.is_global else "user",
        }
        if self.is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {
            "message": self.message or "You are being rate limited.",
            "retry_after": retry_after,
            "global": self.is_global,
        }
        if self.code is not None:
            body["code"] = self.code
        return _json_response(body, 429, headers)


@dataclass
class InteractionRecord:
    """An interaction the test dispatched, and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: JSON
    callbacks: list[JSON] = field(default_factory=list)
    followups: list[JSON] = field(default_factory=list)
    edits: list[JSON] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    original_message_id: int | None = None

    @property
    def responded(self) -> bool:
        return bool(self.callbacks)

    @property
    def response_type(self) -> int | None:
        """The first callback's type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete."""
        return self.callbacks[0]["type"] if self.callbacks else None

    @property
    def response_data(self) -> JSON:
        return (self.callbacks[0].get("data") or {}) if self.callbacks else {}

    @property
    def ephemeral(self) -> bool:
        return bool((self.response_data.get("flags") or 0) & FLAG_EPHEMERAL)

    @property
    def choices(self) -> list[JSON]:
        """The autocomplete choices of a type 8 callback."""
        return list(self.response_data.get("choices") or [])


@dataclass
class CommandSync:
    """One bulk overwrite of application commands (``guild_id`` None: global)."""

    guild_id: int | None
    payload: list[JSON]
    timestamp: float = field(default_factory=time.monotonic)


@dataclass
class IdentifyRecord:
    """An IDENTIFY: which connection, the session it opened, its shard and intents, and the raw payload."""

    connection: int
    session_id: str
    shard: tuple[int, int] | None
    intents: int | None
    payload: JSON
    session: GatewaySession = field(repr=False)


@dataclass
class ResumeRecord:
    """A RESUME: accepted (and how many events were replayed) or answered with op 9."""

    connection: int
    session_id: str | None
    seq: int | None
    accepted: bool
    replayed: int
    payload: JSON


class GatewaySession:
    """A gateway session: shard, intents, sequence numbers and every event sent (replayed on RESUME)."""

    def __init__(self, session_id: str, shard: tuple[int, int] | None, intents: int | None) -> None:
        self.id = session_id
        self.shard = shard
        self.intents = intents
        self.seq = 0
        self.events: list[JSON] = []
        self.connection: GatewayConnection | None = None
        self.lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<GatewaySession {self.id[:8]} shard={self.shard} seq={self.seq}>"

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0

    def owns_guild(self, guild_id: int | None) -> bool:
        """Whether this session's shard receives the guild's events (DMs go to shard 0)."""
        if self.shard is None:
            return True
        shard_id, count = self.shard
        if guild_id is None:
            return shard_id == 0
        return (guild_id >> 22) % count == shard_id

    def has_intent(self, bit: int) -> bool:
        return self.intents is None or bool(self.intents & bit)

    def dispatched(self, event: str | None = None) -> list[JSON]:
        """The dispatch frames sent in this session, optionally only one event type."""
        return [frame for frame in self.events if event is None or frame["t"] == event]


class GatewayConnection:
    """One websocket connection to the fake gateway."""

    def __init__(self, index: int, ws: web.WebSocketResponse, path: str, query: Mapping[str, str]) -> None:
        self.index = index
        self.ws = ws
        self.path = path
        self.query = dict(query)
        self.identify: JSON | None = None
        self.resume: JSON | None = None
        self.session: GatewaySession | None = None
        self.heartbeats = 0
        self.received: list[JSON] = []
        self.server_close_code: int | None = None
        self.close_code: int | None = None
        self.closed = False
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<GatewayConnection #{self.index} {self.path} session={self.session} closed={self.closed}>"

    async def send(self, payload: JSON) -> bool:
        """Send one frame; False if the socket is gone."""
        if self.closed or self.ws.closed:
            return False
        async with self._lock:
            try:
                await self.ws.send_str(json.dumps(payload))
            except (ConnectionError, RuntimeError) as exc:
                log.debug("fake gateway: send on connection %s failed: %s", self.index, exc)
                return False
        return True


# ------------------------------------------------------------------------------------------- server


class FakeDiscord:
    """Gateway v10 + REST on 127.0.0.1 with a default guild, fault injection and recording."""

    def __init__(
        self,
        *,
        token: str | None = None,
        heartbeat_interval_ms: int = 41_250,
        recommended_shards: int = 1,
        privileged_intents: bool = True,
        default_guild: bool = True,
        echo_bot_messages: bool = True,
    ) -> None:
        """``token``: if set, REST and IDENTIFY must present it (else 401 / close 4004).

        ``privileged_intents=False`` closes an IDENTIFY asking for a privileged intent with 4014.
        ``echo_bot_messages``: like Discord, dispatch MESSAGE_CREATE/UPDATE/DELETE for the bot's own
        (non-ephemeral) messages too.
        """
        self.echo_bot_messages = echo_bot_messages
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.recommended_shards = recommended_shards
        self.privileged_intents = privileged_intents
        self.session_start_limit: JSON = {
            "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1
        }
        self.port = 0
        self._id_counter = 0

        # State.
        self.users: dict[int, FakeUser] = {}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.dm_channels: dict[int, FakeChannel] = {}
        self.messages: dict[int, JSON] = {}
        self.bot_user = self.add_user("factbot", bot=True)
        self.application_id = self.bot_user.id
        self.application_flags = APPLICATION_FLAG_GATEWAY_MESSAGE_CONTENT_LIMITED
        self.owner = self.add_user("owner", global_name="Guild Owner")

        # Gateway.
        self.connections: list[GatewayConnection] = []
        self.sessions: dict[str, GatewaySession] = {}
        self.identifies: list[IdentifyRecord] = []
        self.resumes: list[ResumeRecord] = []
        self.presence_updates: list[JSON] = []
        self.member_requests: list[JSON] = []

        # REST recordings.
        self.requests: list[RequestRecord] = []
        self.sent_messages: list[SentMessage] = []
        self.channel_actions: list[ChannelAction] = []
        self.interaction_responses: dict[int, InteractionRecord] = {}
        self.synced_commands: dict[int | None, list[JSON]] = {}
        self.command_syncs: list[CommandSync] = []
        self.unknown_routes: list[tuple[str, str]] = []
        self.server_errors: list[str] = []
        self.faults: list[Fault] = []

        self._claimed_messages: set[int] = set()
        self._interactions_by_token: dict[str, InteractionRecord] = {}
        self._changed: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None

        if default_guild:
            self._add_default_guild()

    # ----------------------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/resume"

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve."""
        if self._runner is not None:
            raise RuntimeError("FakeDiscord already started")
        self._changed = asyncio.Condition()

        @web.middleware
        async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
            return await self._middleware(request, handler)

        app = web.Application(middlewares=[middleware], client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/gateway/resume", self._gateway)
        for method, path, handler in self._routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        self._runner = runner
        log.debug("fake Discord listening on %s", self.base_url)

    async def stop(self) -> None:
        """Close every gateway connection and stop serving."""
        for conn in self.connections:
            if not conn.ws.closed:
                conn.server_close_code = 1001
                with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
                    await asyncio.wait_for(conn.ws.close(code=1001), timeout=1.0)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --------------------------------------------------------------------------------- state

    def new_id(self) -> int:
        """A fresh snowflake (deterministic, increasing)."""
        self._id_counter += 1
        return (FIRST_ID_MS + self._id_counter - DISCORD_EPOCH_MS) << 22

    def guild_id_for_shard(self, shard_id: int, shard_count: int) -> int:
        """A fresh snowflake whose guild would live on ``shard_id`` of ``shard_count``."""
        while True:
            candidate = self.new_id()
            if (candidate >> 22) % shard_count == shard_id:
                return candidate

    def add_user(self, username: str, *, bot: bool = False, global_name: str | None = None) -> FakeUser:
        """A new user, known to the fake (not yet a member of any guild)."""
        user = FakeUser(self.new_id(), username, bot=bot, global_name=global_name or username.title())
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        guild_id: int | None = None,
        owner: FakeUser | None = None,
        everyone_permissions: int = EVERYONE_PERMISSIONS,
    ) -> FakeGuild:
        """A guild with @everyone, the bot (and its managed role) and the owner as members; no channels."""
        owner = owner or self.owner
        guild = FakeGuild(guild_id or self.new_id(), name, owner.id)
        guild.roles[guild.id] = FakeRole(guild.id, "@everyone", everyone_permissions, position=0)
        self.guilds[guild.id] = guild
        bot_role = self.add_role(guild, self.bot_user.username, BOT_PERMISSIONS)
        bot_role.bot_id = self.bot_user.id
        self.add_member(guild, self.bot_user, [bot_role])
        self.add_member(guild, owner)
        return guild

    def add_channel(
        self, guild: FakeGuild | int, name: str, *, topic: str | None = None, channel_type: int = CHANNEL_TEXT
    ) -> FakeChannel:
        """A text channel in ``guild``."""
        g = self._guild(guild)
        position = sum(1 for c in g.channels.values() if not c.is_thread)
        channel = FakeChannel(self.new_id(), name, channel_type, g.id, position=position, topic=topic)
        g.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def add_thread(
        self,
        parent: FakeChannel | int,
        name: str,
        *,
        owner: FakeUser | None = None,
        private: bool = False,
    ) -> FakeChannel:
        """A thread under a text channel."""
        parent_channel = self.channels[parent if isinstance(parent, int) else parent.id]
        if parent_channel.guild_id is None:
            raise ValueError("threads live in guild channels")
        thread = FakeChannel(
            self.new_id(),
            name,
            CHANNEL_PRIVATE_THREAD if private else CHANNEL_PUBLIC_THREAD,
            parent_channel.guild_id,
            parent_id=parent_channel.id,
            owner_id=(owner or self.owner).id,
        )
        self.guilds[parent_channel.guild_id].channels[thread.id] = thread
        self.channels[thread.id] = thread
        return thread

    def add_role(self, guild: FakeGuild | int, name: str, permissions: int = 0) -> FakeRole:
        """A role in ``guild``, above the existing ones."""
        g = self._guild(guild)
        role = FakeRole(self.new_id(), name, permissions, position=len(g.roles))
        g.roles[role.id] = role
        return role

    def add_member(
        self, guild: FakeGuild | int, user: FakeUser, roles: Iterable[FakeRole | int] = (), *, nick: str | None = None
    ) -> FakeMember:
        """Make ``user`` a member of ``guild`` with ``roles`` (replacing an existing membership)."""
        g = self._guild(guild)
        member = FakeMember(user, [r if isinstance(r, int) else r.id for r in roles], nick)
        g.members[user.id] = member
        self.users.setdefault(user.id, user)
        return member

    def dm_channel(self, user: FakeUser | int) -> FakeChannel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        u = self._user(user)
        channel = self.dm_channels.get(u.id)
        if channel is None:
            channel = FakeChannel(self.new_id(), None, CHANNEL_DM, recipients=[u])
            self.dm_channels[u.id] = channel
            self.channels[channel.id] = channel
        return channel

    def _add_default_guild(self) -> None:
        guild = self.add_guild("Factbot Test Server")
        self.guild = guild
        self.general = self.add_channel(guild, "general", topic="General chat")
        self.questions = self.add_channel(guild, "questions", topic="Ask the bot about the article")
        self.thread = self.add_thread(self.general, "a-thread")
        self.everyone_role = guild.everyone
        self.moderator_role = self.add_role(guild, "Moderator")
        self.manager_role = self.add_role(guild, "Server Manager", MANAGE_GUILD)
        self.alice = self.add_user("alice")
        self.bob = self.add_user("bob")
        self.moderator = self.add_user("mod")
        self.manager = self.add_user("manager")
        self.add_member(guild, self.alice)
        self.add_member(guild, self.bob)
        self.add_member(guild, self.moderator, [self.moderator_role])
        self.add_member(guild, self.manager, [self.manager_role])

    def _guild(self, guild: FakeGuild | int) -> FakeGuild:
        return guild if isinstance(guild, FakeGuild) else self.guilds[guild]

    def _user(self, user: FakeUser | int) -> FakeUser:
        return user if isinstance(user, FakeUser) else self.users[user]

    def _default_user(self) -> FakeUser:
        alice = getattr(self, "alice", None)
        if isinstance(alice, FakeUser):
            return alice
        return self.owner

    def _default_channel(self) -> FakeChannel:
        for channel in self.channels.values():
            if channel.type == CHANNEL_TEXT:
                return channel
        raise RuntimeError("the fake has no guild text channel; add one or pass channel_id")

    def _channel(self, channel: FakeChannel | int | None) -> FakeChannel:
        if channel is None:
            return self._default_channel()
        channel_id = channel if isinstance(channel, int) else channel.id
        try:
            return self.channels[channel_id]
        except KeyError:
            raise KeyError(f"fake Discord has no channel {channel_id}") from None

    # ------------------------------------------------------------------------------- waiting

    async def _notify(self) -> None:
        if self._changed is None:
            return
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(
        self, predicate: Callable[[], _T | None], timeout: float = DEFAULT_TIMEOUT, what: str = "a condition"
    ) -> _T:
        """Wait (without polling) until ``predicate()`` returns something other than None/False; return it."""
        if self._changed is None:
            raise RuntimeError("FakeDiscord not started")
        async with self._changed:
            try:
                async with asyncio.timeout(timeout):
                    while True:
                        result = predicate()
                        if result is not None and result is not False:
                            return result
                        await self._changed.wait()
            except TimeoutError:
                raise TimeoutError(f"fake Discord: no {what} within {timeout:.2f}s") from None

    async def wait_for_message(
        self, predicate: Callable[[SentMessage], bool] | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> SentMessage:
        """The earliest bot message matching ``predicate`` not returned by an earlier call."""

        def find() -> SentMessage | None:
            for index, sent in enumerate(self.sent_messages):
                if index not in self._claimed_messages and (predicate is None or predicate(sent)):
                    self._claimed_messages.add(index)
                    return sent
            return None

        try:
            return await self.wait_until(find, timeout, "matching message from the bot")
        except TimeoutError as exc:
            seen = [(m["channel_id"], m["payload"].get("content")) for m in self.sent_messages]
            raise TimeoutError(f"{exc}; the bot sent {len(seen)} message(s): {seen!r}") from None

    async def wait_for_reply(self, message: JSON | int, timeout: float = DEFAULT_TIMEOUT) -> SentMessage:
        """The bot's reply (``message_reference``) to ``message`` (a payload or an id)."""
        message_id = str(message if isinstance(message, int) else message["id"])
        return await self.wait_for_message(
            lambda m: str((m["payload"].get("message_reference") or {}).get("message_id")) == message_id, timeout
        )

    async def wait_for_interaction_response(
        self, interaction: InteractionRecord | int, timeout: float = DEFAULT_TIMEOUT
    ) -> InteractionRecord:
        """The interaction's record once the bot has called back at least once."""
        record = self._interaction(interaction)
        await self.wait_until(lambda: record.responded, timeout, f"response to interaction {record.id}")
        return record

    async def wait_for_followups(
        self, interaction: InteractionRecord | int, count: int = 1, timeout: float = DEFAULT_TIMEOUT
    ) -> InteractionRecord:
        """The interaction's record once it has ``count`` follow-up messages."""
        record = self._interaction(interaction)
        await self.wait_until(lambda: len(record.followups) >= count, timeout, f"{count} follow-up(s) to {record.id}")
        return record

    async def wait_for_identifies(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> list[IdentifyRecord]:
        """Wait until ``count`` IDENTIFYs in total have been received."""
        await self.wait_until(lambda: len(self.identifies) >= count, timeout, f"{count} IDENTIFY(s)")
        return self.identifies

    async def wait_for_resumes(self, count: int, timeout: float = DEFAULT_TIMEOUT) -> list[ResumeRecord]:
        """Wait until ``count`` RESUMEs in total have been received (and answered)."""
        await self.wait_until(lambda: len(self.resumes) >= count, timeout, f"{count} RESUME(s)")
        return self.resumes

    def _interaction(self, interaction: InteractionRecord | int) -> InteractionRecord:
        if isinstance(interaction, InteractionRecord):
            return interaction
        return self.interaction_responses[interaction]

    def requests_matching(self, method: str, pattern: str | re.Pattern[str]) -> list[RequestRecord]:
        """Recorded REST requests (faulted ones included) by method (``*`` any) and path pattern."""
        return [
            r for r in self.requests if method in ("*", r.method) and _path_matches(pattern, r.path)
        ]

    # ---------------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        path_pattern: str | re.Pattern[str],
        status: int,
        times: int = 1,
        retry_after: float | None = None,
        *,
        is_global: bool = False,
        message: str | None = None,
        code: int | None = None,
    ) -> Fault:
        """Answer the next ``times`` matching REST requests with ``status`` instead of handling them.

        ``path_pattern`` is relative to ``/api/v10``: an fnmatch glob (``/channels/*/messages``) or a regex.
        """
        fault = Fault(method.upper(), path_pattern, status, times, retry_after, is_global, message, code)
        self.faults.append(fault)
        return fault

    def _live_connections(self, shard_id: int | None) -> list[GatewayConnection]:
        found = [
            s.connection
            for s in self.sessions.values()
            if s.connection is not None and not s.connection.closed and (shard_id is None or s.shard_id == shard_id)
        ]
        if not found:
            raise RuntimeError(f"no live gateway connection (shard {shard_id})")
        return found

    async def request_reconnect(self, shard_id: int | None = None) -> None:
        """Send op 7 RECONNECT on every live connection (or that shard's); later events wait for RESUME."""
        for conn in self._live_connections(shard_id):
            session = conn.session
            assert session is not None
            async with session.lock:
                session.connection = None
                await conn.send({"op": OP_RECONNECT, "d": None, "s": None, "t": None})

    async def drop_connection(self, code: int = 4000, shard_id: int | None = None) -> None:
        """Close live connections with ``code``; 4007/4009 also forget the session (not resumable)."""
        for conn in self._live_connections(shard_id):
            session = conn.session
            assert session is not None
            async with session.lock:
                session.connection = None
                if code in (4007, 4009):
                    self.sessions.pop(session.id, None)
            conn.server_close_code = code
            await conn.ws.close(code=code, message=b"fake Discord closed the connection")

    async def invalidate_session(self, resumable: bool = False, shard_id: int | None = None) -> None:
        """Send op 9 INVALID_SESSION; unless ``resumable``, the session is forgotten (RESUME will fail)."""
        for conn in self._live_connections(shard_id):
            session = conn.session
            assert session is not None
            async with session.lock:
                session.connection = None
                if not resumable:
                    self.sessions.pop(session.id, None)
                await conn.send({"op": OP_INVALID_SESSION, "d": resumable, "s": None, "t": None})

    # ------------------------------------------------------------------------- dispatching

    def _sessions_for(self, guild_id: int | None) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if s.owns_guild(guild_id)]

    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> list[GatewaySession]:
        """Dispatch an event to the sessions owning ``guild_id`` (shard 0 for None); buffered while reconnecting."""
        sessions = self._sessions_for(guild_id)
        if not sessions:
            raise RuntimeError(f"no gateway session receives events for guild {guild_id}: is the bot connected?")
        for session in sessions:
            payload = self._filter_for_session(session, event, data)
            if payload is None:
                continue
            async with session.lock:
                await self._emit(session, event, payload)
        return sessions

    def _filter_for_session(self, session: GatewaySession, event: str, data: JSON) -> JSON | None:
        """Apply intents like Discord: no message events without the intent, no content without MESSAGE_CONTENT."""
        if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
            return data
        in_guild = data.get("guild_id") is not None
        if not session.has_intent(INTENT_GUILD_MESSAGES if in_guild else INTENT_DIRECT_MESSAGES):
            return None
        if not in_guild or session.has_intent(INTENT_MESSAGE_CONTENT):
            return data
        bot_id = str(self.bot_user.id)
        if data.get("author", {}).get("id") == bot_id or any(m.get("id") == bot_id for m in data.get("mentions", [])):
            return data
        stripped = {k: v for k, v in data.items() if k != "poll"}
        return {**stripped, "content": "", "embeds": [], "attachments": [], "components": []}

    async def _emit(self, session: GatewaySession, event: str, data: JSON) -> None:
        """Send one dispatch in ``session`` (caller holds ``session.lock``)."""
        session.seq += 1
        frame: JSON = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": copy.deepcopy(data)}
        session.events.append(frame)
        conn = session.connection
        if conn is not None and not await conn.send(frame) and session.connection is conn:
            session.connection = None

    async def _echo(self, event: str, message: JSON) -> None:
        """Dispatch the bot's own message event, as Discord does; skipped if ephemeral or nobody is connected."""
        if not self.echo_bot_messages or message.get("flags", 0) & FLAG_EPHEMERAL:
            return
        raw_guild = message.get("guild_id")
        guild_id = None if raw_guild is None else int(raw_guild)
        if not self._sessions_for(guild_id):
            return
        if event == "MESSAGE_DELETE":
            data: JSON = {k: message[k] for k in ("id", "channel_id", "guild_id") if k in message}
            await self.dispatch(event, data, guild_id=guild_id)
        else:
            await self.dispatch(event, message, guild_id=guild_id)

    def _message_payload(
        self,
        *,
        channel: FakeChannel,
        author: FakeUser,
        content: str = "",
        embeds: Sequence[JSON] = (),
        components: Sequence[JSON] = (),
        attachments: Sequence[JSON] = (),
        mentions: Sequence[JSON] = (),
        mention_roles: Sequence[int] = (),
        mention_everyone: bool = False,
        flags: int = 0,
        message_type: int = MESSAGE_DEFAULT,
        message_reference: JSON | None = None,
        member: JSON | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> JSON:
        """Build, store and return a full message object."""
        message_id = self.new_id()
        message: JSON = {
            "id": str(message_id),
            "channel_id": str(channel.id),
            "author": author.payload(),
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mentions": list(mentions),
            "mention_roles": [str(r) for r in mention_roles],
            "mention_channels": [],
            "attachments": list(attachments),
            "embeds": [{"type": "rich", **e} for e in embeds],
            "reactions": [],
            "pinned": False,
            "type": message_type,
            "flags": flags,
            "components": list(components),
        }
        if channel.guild_id is not None:
            message["guild_id"] = str(channel.guild_id)
        if member is not None:
            message["member"] = member
        if message_reference is not None:
            reference = {k: str(v) if k.endswith("_id") and v is not None else v for k, v in message_reference.items()}
            reference.setdefault("type", 0)
            reference.setdefault("channel_id", str(channel.id))
            if channel.guild_id is not None:
                reference.setdefault("guild_id", str(channel.guild_id))
            message["message_reference"] = reference
            if reference["type"] == 0:
                referenced = self.messages.get(int(reference["message_id"]))
                message["referenced_message"] = (
                    None if referenced is None else {k: v for k, v in referenced.items() if k != "referenced_message"}
                )
                if message_type == MESSAGE_DEFAULT:
                    message["type"] = MESSAGE_REPLY
        if extra:
            message.update(extra)
        self.messages[message_id] = message
        channel.last_message_id = message_id
        return message

    async def send_message(
        self,
        channel_id: FakeChannel | int | None = None,
        content: str = "",
        *,
        author: FakeUser | int | None = None,
        mentions: Sequence[FakeUser | int] = (),
        mention_roles: Sequence[FakeRole | int] = (),
        mention_everyone: bool = False,
        guild_id: int | None = None,
        message_reference: JSON | int | None = None,
        embeds: Sequence[JSON] = (),
        attachments: Sequence[JSON] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> JSON:
        """Dispatch MESSAGE_CREATE from a user and return the full payload.

        ``channel_id`` defaults to the first guild text channel; a DM channel id sends a DM (no guild_id).
        ``guild_id`` overrides the guild derived from the channel. ``mentions`` are users; the mention
        text itself belongs in ``content`` (``fake.bot_user.mention``).
        """
        channel = self._channel(channel_id)
        user = self._user(author) if author is not None else self._default_user()
        gid = guild_id if guild_id is not None else channel.guild_id
        guild = self.guilds.get(gid) if gid is not None else None
        member_payload: JSON | None = None
        if guild is not None:
            member = guild.members.get(user.id) or self.add_member(guild, user)
            member_payload = member.payload(with_user=False)
        mention_payloads: list[JSON] = []
        for target in mentions:
            mentioned = self._user(target)
            payload = mentioned.payload()
            if guild is not None and mentioned.id in guild.members:
                payload["member"] = guild.members[mentioned.id].payload(with_user=False)
            mention_payloads.append(payload)
        reference: JSON | None
        if message_reference is None or isinstance(message_reference, dict):
            reference = message_reference
        else:
            reference = {"message_id": str(message_reference)}
        message = self._message_payload(
            channel=channel,
            author=user,
            content=content,
            embeds=embeds,
            attachments=attachments,
            mentions=mention_payloads,
            mention_roles=[r if isinstance(r, int) else r.id for r in mention_roles],
            mention_everyone=mention_everyone,
            message_reference=reference,
            member=member_payload,
            extra=extra,
        )
        if gid is not None:
            message["guild_id"] = str(gid)
        else:
            message.pop("guild_id", None)
        await self.dispatch("MESSAGE_CREATE", message, guild_id=gid)
        return message

    async def send_dm(self, content: str, *, author: FakeUser | int | None = None) -> JSON:
        """Dispatch a direct message from ``author`` (default: alice) to the bot."""
        user = self._user(author) if author is not None else self._default_user()
        return await self.send_message(self.dm_channel(user), content, author=user)

    async def send_interaction(
        self,
        interaction_type: int,
        data: JSON,
        *,
        channel_id: FakeChannel | int | None = None,
        user: FakeUser | int | None = None,
        dm: bool = False,
        permissions: int | None = None,
        app_permissions: int | None = None,
        message: JSON | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Dispatch INTERACTION_CREATE and return its record (id, token, and later the bot's responses).

        In a guild channel the user arrives as a member whose ``permissions`` default to those of their
        roles; ``dm=True`` (or a DM channel) sends it from the user's DM with the bot.
        """
        u = self._user(user) if user is not None else self._default_user()
        channel = self.dm_channel(u) if dm else self._channel(channel_id)
        interaction_id = self.new_id()
        token = f"fake-interaction-token-{interaction_id}-{secrets.token_hex(8)}"
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": interaction_type,
            "data": data,
            "token": token,
            "version": 1,
            "channel_id": str(channel.id),
            "channel": channel.payload(),
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        guild = self.guilds.get(channel.guild_id) if channel.guild_id is not None else None
        if guild is not None:
            member = guild.members.get(u.id) or self.add_member(guild, u)
            perms = guild.permissions_for(u.id) if permissions is None else permissions
            bot_perms = guild.permissions_for(self.bot_user.id, channel) if app_permissions is None else app_permissions
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=member.payload(permissions=perms),
                app_permissions=str(bot_perms),
                authorizing_integration_owners={"0": str(guild.id)},
                context=0,
            )
        else:
            payload.update(
                user=u.payload(),
                app_permissions=str(EVERYONE_PERMISSIONS if app_permissions is None else app_permissions),
                authorizing_integration_owners={"0": "0"},  # guild install, used in the bot's DM
                context=1,
            )
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(interaction_id, token, interaction_type, payload)
        self.interaction_responses[interaction_id] = record
        self._interactions_by_token[token] = record
        await self.dispatch("INTERACTION_CREATE", payload, guild_id=None if guild is None else guild.id)
        return record

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[JSON] | None,
        channel: FakeChannel,
        command_type: int,
    ) -> JSON:
        parts = name.split()
        built = self._build_options(options, channel)
        for index, part in reversed(list(enumerate(parts[1:], start=1))):
            built = [{"type": 1 if index == len(parts) - 1 else 2, "name": part, "options": built}]
        data: JSON = {"name": parts[0], "type": command_type, "options": built}
        synced = None
        if channel.guild_id is not None:
            synced = self._find_command(channel.guild_id, parts[0], command_type)
            if synced is not None:
                data["guild_id"] = str(channel.guild_id)
        synced = synced or self._find_command(None, parts[0], command_type)
        data["id"] = synced["id"] if synced else str(self.new_id())
        return data

    def _find_command(self, guild_id: int | None, name: str, command_type: int) -> JSON | None:
        for command in self.synced_commands.get(guild_id, []):
            if command["name"] == name and command.get("type", 1) == command_type:
                return command
        return None

    def _build_options(self, options: Mapping[str, Any] | Sequence[JSON] | None, channel: FakeChannel) -> list[JSON]:
        if options is None:
            return []
        if not isinstance(options, Mapping):
            return [dict(option) for option in options]
        built: list[JSON] = []
        for name, value in options.items():
            if isinstance(value, bool):
                built.append({"name": name, "type": 5, "value": value})
            elif isinstance(value, int):
                built.append({"name": name, "type": 4, "value": value})
            elif isinstance(value, float):
                built.append({"name": name, "type": 10, "value": value})
            elif isinstance(value, FakeUser):
                built.append({"name": name, "type": 6, "value": str(value.id)})
            elif isinstance(value, FakeRole):
                built.append({"name": name, "type": 8, "value": str(value.id)})
            elif isinstance(value, FakeChannel):
                built.append({"name": name, "type": 7, "value": str(value.id)})
            else:
                built.append({"name": name, "type": 3, "value": str(value)})
        return built

    def _resolved(self, options: Mapping[str, Any] | Sequence[JSON] | None, channel: FakeChannel) -> JSON:
        """The ``resolved`` block for user, role and channel options given as fake objects."""
        resolved: dict[str, JSON] = {}
        guild = self.guilds.get(channel.guild_id) if channel.guild_id is not None else None
        values = options.values() if isinstance(options, Mapping) else ()
        for value in values:
            if isinstance(value, FakeUser):
                resolved.setdefault("users", {})[str(value.id)] = value.payload()
                if guild is not None and value.id in guild.members:
                    member = guild.members[value.id]
                    resolved.setdefault("members", {})[str(value.id)] = member.payload(
                        with_user=False, permissions=guild.permissions_for(value.id)
                    )
            elif isinstance(value, FakeRole):
                resolved.setdefault("roles", {})[str(value.id)] = value.payload()
            elif isinstance(value, FakeChannel):
                resolved.setdefault("channels", {})[str(value.id)] = {
                    **value.payload(),
                    "permissions": str(ALL_PERMISSIONS),
                }
        return resolved

    async def send_command(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[JSON] | None = None,
        *,
        channel_id: FakeChannel | int | None = None,
        user: FakeUser | int | None = None,
        dm: bool = False,
        permissions: int | None = None,
        app_permissions: int | None = None,
        command_type: int = 1,
    ) -> InteractionRecord:
        """Dispatch a slash command (``"group sub"`` for subcommands); options as a mapping or raw list."""
        u = self._user(user) if user is not None else self._default_user()
        channel = self.dm_channel(u) if dm else self._channel(channel_id)
        data = self._command_data(name, options, channel, command_type)
        resolved = self._resolved(options, channel)
        if resolved:
            data["resolved"] = resolved
        return await self.send_interaction(
            INTERACTION_APPLICATION_COMMAND,
            data,
            channel_id=channel,
            user=u,
            permissions=permissions,
            app_permissions=app_permissions,
        )

    async def send_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[JSON] | None,
        focused: str,
        *,
        channel_id: FakeChannel | int | None = None,
        user: FakeUser | int | None = None,
        dm: bool = False,
        permissions: int | None = None,
    ) -> InteractionRecord:
        """Dispatch an autocomplete request with option ``focused`` marked focused (added empty if absent)."""
        u = self._user(user) if user is not None else self._default_user()
        channel = self.dm_channel(u) if dm else self._channel(channel_id)
        data = self._command_data(name, options, channel, 1)
        leaf = data
        while leaf["options"] and leaf["options"][0].get("type") in (1, 2):
            leaf = leaf["options"][0]
        for option in leaf["options"]:
            if option["name"] == focused:
                option["focused"] = True
                option["type"] = 3 if option["type"] in (6, 7, 8) else option["type"]
                option["value"] = str(option["value"]) if option["type"] == 3 else option["value"]
                break
        else:
            leaf["options"].append({"name": focused, "type": 3, "value": "", "focused": True})
        return await self.send_interaction(
            INTERACTION_AUTOCOMPLETE, data, channel_id=channel, user=u, permissions=permissions
        )

    async def send_component(
        self,
        custom_id: str,
        *,
        message_id: int | None = None,
        message: JSON | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        user: FakeUser | int | None = None,
        permissions: int | None = None,
    ) -> InteractionRecord:
        """Dispatch a component click (button by default) on a stored message (``message_id``) or ``message``."""
        if message is None:
            if message_id is None:
                raise ValueError("send_component needs message_id or message")
            try:
                message = self.messages[message_id]
            except KeyError:
                raise KeyError(f"fake Discord has no message {message_id}") from None
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        channel = self._channel(int(message["channel_id"]))
        return await self.send_interaction(
            INTERACTION_MESSAGE_COMPONENT,
            data,
            channel_id=channel,
            user=user,
            permissions=permissions,
            message=message,
        )

    # ------------------------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = GatewayConnection(len(self.connections), ws, request.path, request.query)
        self.connections.append(conn)
        try:
            await conn.send(
                {
                    "op": OP_HELLO,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fake-discord-gateway"]},
                    "s": None,
                    "t": None,
                }
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_gateway_payload(conn, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:
                    log.warning("fake gateway: ignoring a binary frame on connection %s", conn.index)
        except Exception as exc:
            self.server_errors.append(f"gateway connection {conn.index}: {exc!r}")
            log.exception("fake gateway: connection %s failed", conn.index)
        finally:
            conn.closed = True
            conn.close_code = ws.close_code
            session = conn.session
            if session is not None and session.connection is conn:
                session.connection = None
            if session is not None and conn.server_close_code is None and conn.close_code in (1000, 1001):
                self.sessions.pop(session.id, None)  # a 1000/1001 close ends a session, as on Discord
            await self._notify()
        return ws

    async def _on_gateway_payload(self, conn: GatewayConnection, payload: JSON) -> None:
        conn.received.append(payload)
        op = payload.get("op")
        data = payload.get("d")
        if op == OP_HEARTBEAT:
            conn.heartbeats += 1
            await conn.send({"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self._identify(conn, data or {})
        elif op == OP_RESUME:
            await self._resume(conn, data or {})
        elif op == OP_REQUEST_GUILD_MEMBERS:
            await self._request_members(conn, data or {})
        elif op == OP_PRESENCE_UPDATE:
            self.presence_updates.append(data or {})
        else:
            log.warning("fake gateway: unhandled op %s on connection %s", op, conn.index)
        await self._notify()

    async def _close(self, conn: GatewayConnection, code: int, reason: str) -> None:
        log.warning("fake gateway: closing connection %s with %s (%s)", conn.index, code, reason)
        conn.server_close_code = code
        await conn.ws.close(code=code, message=reason.encode())

    async def _identify(self, conn: GatewayConnection, data: JSON) -> None:
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        if self.token is not None and data.get("token") != self.token:
            await self._close(conn, 4004, "Authentication failed.")
            return
        raw_shard = data.get("shard")
        shard = (int(raw_shard[0]), int(raw_shard[1])) if raw_shard else None
        if shard is not None and not 0 <= shard[0] < shard[1]:
            await self._close(conn, 4010, "Invalid shard.")
            return
        intents = data.get("intents")
        if not self.privileged_intents and intents is not None and intents & PRIVILEGED_INTENTS:
            await self._close(conn, 4014, "Disallowed intent(s).")
            return
        for old_id, old in list(self.sessions.items()):
            if old.shard == shard:
                del self.sessions[old_id]  # one session per shard: a new IDENTIFY replaces the old one
        session = GatewaySession(uuid.uuid4().hex, shard, intents)
        async with session.lock:
            session.connection = conn
            conn.session = session
            conn.identify = data
            self.sessions[session.id] = session
            self.identifies.append(IdentifyRecord(conn.index, session.id, shard, intents, data, session))
            guilds = [g for g in self.guilds.values() if session.owns_guild(g.id)]
            ready: JSON = {
                "v": 10,
                "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "email": None},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.id,
                "session_type": "normal",
                "resume_gateway_url": self.resume_gateway_url,
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": ["fake"],
                "user_settings": {},
                "application": {"id": str(self.application_id), "flags": self.application_flags},
                "_trace": ["fake-discord-gateway"],
            }
            if shard is not None:
                ready["shard"] = list(shard)
            await self._emit(session, "READY", ready)
            for guild in guilds:
                await self._emit(session, "GUILD_CREATE", guild.payload())

    async def _resume(self, conn: GatewayConnection, data: JSON) -> None:
        session_id = data.get("session_id")
        seq = data.get("seq")
        session = self.sessions.get(session_id) if isinstance(session_id, str) else None
        if session is None or (self.token is not None and data.get("token") != self.token):
            self.resumes.append(ResumeRecord(conn.index, session_id, seq, False, 0, data))
            conn.resume = data
            await conn.send({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        async with session.lock:
            old = session.connection
            if old is not None and old is not conn:
                old.session = None
            session.connection = conn
            conn.session = session
            conn.resume = data
            missed = [frame for frame in session.events if frame["s"] > (seq or 0)]
            for frame in missed:
                await conn.send(frame)
            self.resumes.append(ResumeRecord(conn.index, session.id, seq, True, len(missed), data))
            await self._emit(session, "RESUMED", {"_trace": ["fake-discord-gateway"]})

    async def _request_members(self, conn: GatewayConnection, data: JSON) -> None:
        self.member_requests.append(data)
        session = conn.session
        guild = self.guilds.get(int(data.get("guild_id", 0)))
        if session is None or guild is None:
            return
        members = list(guild.members.values())
        user_ids = data.get("user_ids")
        if user_ids:
            wanted = {int(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])}
            members = [m for m in members if m.user.id in wanted]
        elif data.get("query"):
            query = str(data["query"]).casefold()
            members = [m for m in members if m.user.username.casefold().startswith(query)]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("presences"):
            chunk["presences"] = []
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        async with session.lock:
            await self._emit(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ---------------------------------------------------------------------------------- REST

    def _routes(self) -> list[tuple[str, str, Handler]]:
        message = "/channels/{channel_id}/messages/{message_id}"
        reaction = message + "/reactions/{emoji}/@me"
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        return [
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("GET", "/channels/{channel_id}/messages", self._list_messages),
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", message, self._get_message),
            ("PATCH", message, self._edit_message),
            ("DELETE", message, self._delete_message),
            ("PUT", reaction, self._add_reaction),
            ("DELETE", reaction, self._remove_reaction),
            ("POST", "/channels/{channel_id}/typing", self._typing),
            ("GET", "/applications/{application_id}/commands", self._get_commands),
            ("PUT", "/applications/{application_id}/commands", self._put_commands),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self._put_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{application_id}/{token}", self._webhook_execute),
            ("GET", webhook_message, self._webhook_get_message),
            ("PATCH", webhook_message, self._webhook_edit_message),
            ("DELETE", webhook_message, self._webhook_delete_message),
            ("GET", "/guilds/{guild_id}", self._get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member),
        ]

    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        path = request.path.removeprefix(API_PREFIX)
        try:
            payload, files = await self._read_payload(request)
        except ValueError as exc:
            return _error_response(400, f"fake Discord could not parse the body: {exc}")
        request[PAYLOAD_KEY] = payload
        request[FILES_KEY] = files
        record = RequestRecord(request.method, path, dict(request.query), payload)
        self.requests.append(record)
        response: web.StreamResponse
        fault = next((f for f in self.faults if f.matches(request.method, path)), None)
        if fault is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.faults.remove(fault)
            record.fault = True
            response = fault.response()
        elif self.token is not None and self._needs_auth(path) and (
            request.headers.get("Authorization") != f"Bot {self.token}"
        ):
            response = _error_response(401)
        else:
            try:
                response = await handler(request)
            except (KeyError, ValueError, TypeError) as exc:
                # A 400, not a 500: discord.py would retry a 500 with one-second sleeps.
                error = f"{request.method} {path}: {exc!r}"
                self.server_errors.append(error)
                log.exception("fake Discord: handler failed: %s", error)
                response = _error_response(400, f"fake Discord handler error: {exc!r}")
        record.status = response.status
        await self._notify()
        return response

    @staticmethod
    def _needs_auth(path: str) -> bool:
        return not path.startswith(("/webhooks/", "/interactions/", "/gateway"))

    @staticmethod
    async def _read_payload(request: web.Request) -> tuple[Any, list[str]]:
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            raw = form.get("payload_json")
            payload = json.loads(raw) if isinstance(raw, str) and raw else {}
            files = [v.filename for v in form.values() if isinstance(v, web.FileField)]
            return payload, files
        body = await request.read()
        if not body:
            return None, []
        return json.loads(body), []

    async def _unknown_route(self, request: web.Request) -> web.StreamResponse:
        path = request.path.removeprefix(API_PREFIX)
        self.unknown_routes.append((request.method, path))
        log.warning("fake Discord: UNKNOWN ROUTE %s %s (answered 404)", request.method, request.path)
        return _error_response(404)

    # users, application, gateway

    async def _get_me(self, request: web.Request) -> web.StreamResponse:
        return _json_response({**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "email": None})

    async def _get_user(self, request: web.Request) -> web.StreamResponse:
        user = self.users.get(int(request.match_info["user_id"]))
        return _error_response(404, "Unknown User", 10013) if user is None else _json_response(user.payload())

    async def _create_dm(self, request: web.Request) -> web.StreamResponse:
        recipient = int(request[PAYLOAD_KEY]["recipient_id"])
        if recipient not in self.users:
            return _error_response(400, "Cannot send messages to this user", 50007)
        return _json_response(self.dm_channel(recipient).payload())

    async def _get_application(self, request: web.Request) -> web.StreamResponse:
        return _json_response(
            {
                "id": str(self.application_id),
                "name": self.bot_user.username,
                "icon": None,
                "description": "factbot under test",
                "summary": "",
                "type": None,
                "bot": self.bot_user.payload(),
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": self.application_flags,
                "rpc_origins": [],
                "tags": [],
                "install_params": None,
                "integration_types_config": {"0": {}},
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "approximate_guild_count": len(self.guilds),
                "hook": True,
                "is_monetized": False,
            }
        )

    async def _get_gateway(self, request: web.Request) -> web.StreamResponse:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request) -> web.StreamResponse:
        data = {"url": self.gateway_url, "shards": self.recommended_shards}
        return _json_response({**data, "session_start_limit": self.session_start_limit})

    # channels and messages

    def _channel_or_none(self, request: web.Request) -> FakeChannel | None:
        return self.channels.get(int(request.match_info["channel_id"]))

    def _stored_message(self, request: web.Request) -> JSON | None:
        message = self.messages.get(int(request.match_info["message_id"]))
        if message is None or message["channel_id"] != request.match_info["channel_id"]:
            return None
        return message

    def _record_action(
        self,
        action: str,
        request: web.Request,
        *,
        emoji: str | None = None,
        payload: JSON | None = None,
    ) -> None:
        message_id = request.match_info.get("message_id")
        self.channel_actions.append(
            ChannelAction(
                action=action,
                channel_id=int(request.match_info["channel_id"]),
                message_id=None if message_id is None else int(message_id),
                emoji=emoji,
                payload=payload,
                timestamp=time.monotonic(),
            )
        )

    async def _get_channel(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel_or_none(request)
        return _error_response(404, "Unknown Channel", 10003) if channel is None else _json_response(channel.payload())

    async def _list_messages(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel_or_none(request)
        if channel is None:
            return _error_response(404, "Unknown Channel", 10003)
        limit = int(request.query.get("limit", "50"))
        found = [m for m in self.messages.values() if m["channel_id"] == str(channel.id)]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        return _json_response(found[:limit])

    async def _create_message(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel_or_none(request)
        if channel is None:
            return _error_response(404, "Unknown Channel", 10003)
        payload: JSON = request[PAYLOAD_KEY] or {}
        files: list[str] = request[FILES_KEY]
        reference = payload.get("message_reference")
        needed = SEND_MESSAGES_IN_THREADS if channel.is_thread else SEND_MESSAGES
        denied = self._bot_lacks(channel, needed | (READ_MESSAGE_HISTORY if reference else 0))
        if denied is not None:
            return denied
        if (
            reference
            and reference.get("type", 0) == 0
            and int(reference["message_id"]) not in self.messages
            and reference.get("fail_if_not_exists", True)
        ):
            errors = {"message_reference": {"_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                                         "message": "Unknown message"}]}}
            return _json_response({"message": "Invalid Form Body", "code": 50035, "errors": errors}, 400)
        if not (payload.get("content") or payload.get("embeds") or files or payload.get("sticker_ids")
                or payload.get("components") or payload.get("poll")):
            return _error_response(400, "Cannot send an empty message", 50006)
        attachments = [
            {"id": str(self.new_id()), "filename": name, "size": 0, "url": f"{self.base_url}/attachments/{name}",
             "proxy_url": f"{self.base_url}/attachments/{name}"}
            for name in files
        ]
        message = self._message_payload(
            channel=channel,
            author=self.bot_user,
            content=payload.get("content") or "",
            embeds=payload.get("embeds") or [],
            components=payload.get("components") or [],
            attachments=attachments,
            flags=payload.get("flags") or 0,
            message_reference=reference,
            extra={"tts": bool(payload.get("tts")), "nonce": payload.get("nonce")},
        )
        self.sent_messages.append(
            SentMessage(
                route="POST /channels/{channel_id}/messages",
                channel_id=channel.id,
                payload=payload,
                message=message,
                files=files,
                timestamp=time.monotonic(),
            )
        )
        await self._echo("MESSAGE_CREATE", message)
        return _json_response(message)

    async def _get_message(self, request: web.Request) -> web.StreamResponse:
        message = self._stored_message(request)
        return _error_response(404, "Unknown Message", 10008) if message is None else _json_response(message)

    @staticmethod
    def _apply_edit(message: JSON, payload: JSON) -> None:
        for key in ("content", "embeds", "components", "attachments"):
            if key in payload:
                message[key] = payload[key] if payload[key] is not None else ([] if key != "content" else "")
        message["embeds"] = [{"type": "rich", **e} for e in message.get("embeds") or []]
        if "flags" in payload and payload["flags"] is not None:
            message["flags"] = (message.get("flags", 0) & FLAG_EPHEMERAL) | payload["flags"]
        message["flags"] = message.get("flags", 0) & ~FLAG_LOADING
        message["edited_timestamp"] = _now_iso()

    async def _edit_message(self, request: web.Request) -> web.StreamResponse:
        message = self._stored_message(request)
        if message is None:
            return _error_response(404, "Unknown Message", 10008)
        if message["author"]["id"] != str(self.bot_user.id):
            return _error_response(403, "Cannot edit a message authored by another user", 50005)
        payload: JSON = request[PAYLOAD_KEY] or {}
        self._apply_edit(message, payload)
        self._record_action("edit", request, payload=payload)
        await self._echo("MESSAGE_UPDATE", message)
        return _json_response(message)

    async def _delete_message(self, request: web.Request) -> web.StreamResponse:
        message = self._stored_message(request)
        if message is None:
            return _error_response(404, "Unknown Message", 10008)
        del self.messages[int(message["id"])]
        self._record_action("delete", request)
        await self._echo("MESSAGE_DELETE", message)
        return _no_content()

    def _bot_lacks(self, channel: FakeChannel, needed: int) -> web.Response | None:
        """A 403 like Discord's if the bot lacks ``needed`` in ``channel`` (DMs: never)."""
        if channel.guild_id is None:
            return None
        have = self.guilds[channel.guild_id].permissions_for(self.bot_user.id, channel)
        if not have & VIEW_CHANNEL:
            return _error_response(403, "Missing Access", 50001)
        if needed & ~have:
            return _error_response(403)
        return None

    async def _add_reaction(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel_or_none(request)
        if channel is None or self._stored_message(request) is None:
            return _error_response(404, "Unknown Message", 10008)
        denied = self._bot_lacks(channel, ADD_REACTIONS | READ_MESSAGE_HISTORY)
        if denied is not None:
            return denied
        self._record_action("react", request, emoji=request.match_info["emoji"])
        return _no_content()

    async def _remove_reaction(self, request: web.Request) -> web.StreamResponse:
        if self._stored_message(request) is None:
            return _error_response(404, "Unknown Message", 10008)
        self._record_action("unreact", request, emoji=request.match_info["emoji"])
        return _no_content()

    async def _typing(self, request: web.Request) -> web.StreamResponse:
        if self._channel_or_none(request) is None:
            return _error_response(404, "Unknown Channel", 10003)
        self._record_action("typing", request)
        return _no_content()

    # application commands

    def _check_application(self, request: web.Request) -> web.Response | None:
        if request.match_info["application_id"] != str(self.application_id):
            return _error_response(404, "Unknown Application", 10002)
        return None

    async def _get_commands(self, request: web.Request) -> web.StreamResponse:
        error = self._check_application(request)
        if error is not None:
            return error
        guild_id = request.match_info.get("guild_id")
        return _json_response(self.synced_commands.get(None if guild_id is None else int(guild_id), []))

    async def _put_commands(self, request: web.Request) -> web.StreamResponse:
        error = self._check_application(request)
        if error is not None:
            return error
        raw_guild = request.match_info.get("guild_id")
        guild_id = None if raw_guild is None else int(raw_guild)
        if guild_id is not None and guild_id not in self.guilds:
            return _error_response(403, "Missing Access", 50001)
        payload: list[JSON] = request[PAYLOAD_KEY] or []
        previous = {(c.get("type", 1), c["name"]): c for c in self.synced_commands.get(guild_id, [])}
        commands: list[JSON] = []
        for entry in payload:
            command_type = entry.get("type", 1)
            old = previous.get((command_type, entry["name"]))
            command: JSON = {
                "description": "",
                "options": [],
                "default_member_permissions": None,
                "dm_permission": True,
                "nsfw": False,
                "contexts": None,
                "integration_types": [0],
                **entry,
                "type": command_type,
                "id": old["id"] if old else str(self.new_id()),
                "application_id": str(self.application_id),
                "version": str(self.new_id()),
            }
            if guild_id is not None:
                command["guild_id"] = str(guild_id)
            commands.append(command)
        self.synced_commands[guild_id] = commands
        self.command_syncs.append(CommandSync(guild_id, payload))
        return _json_response(commands)

    # interactions

    def _interaction_message(self, record: InteractionRecord, data: JSON, flags: int) -> JSON:
        channel = self._channel(int(record.payload["channel_id"]))
        user = record.payload.get("member", {}).get("user") or record.payload.get("user")
        command_name = (record.payload.get("data") or {}).get("name")
        message = self._message_payload(
            channel=channel,
            author=self.bot_user,
            content=data.get("content") or "",
            embeds=data.get("embeds") or [],
            components=data.get("components") or [],
            flags=flags,
            message_type=MESSAGE_CHAT_INPUT_COMMAND if record.type == INTERACTION_APPLICATION_COMMAND else 0,
            extra={
                "webhook_id": str(self.application_id),
                "application_id": str(self.application_id),
                "interaction_metadata": {
                    "id": str(record.id),
                    "type": record.type,
                    "user": user,
                    "authorizing_integration_owners": record.payload.get("authorizing_integration_owners", {}),
                    **({"name": command_name} if command_name else {}),
                },
            },
        )
        return message

    async def _interaction_callback(self, request: web.Request) -> web.StreamResponse:
        record = self.interaction_responses.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["token"]:
            return _error_response(404, "Unknown interaction", 10062)
        if record.callbacks:
            return _error_response(400, "Interaction has already been acknowledged.", 40060)
        body: JSON = request[PAYLOAD_KEY] or {}
        callback_type = int(body["type"])
        data: JSON = body.get("data") or {}
        record.callbacks.append(body)
        flags = int(data.get("flags") or 0)
        interaction: JSON = {
            "id": str(record.id),
            "type": record.type,
            "activity_instance_id": None,
            "response_message_id": None,
            "response_message_loading": False,
            "response_message_ephemeral": bool(flags & FLAG_EPHEMERAL),
        }
        resource: JSON | None = {"type": callback_type}
        message: JSON | None = None
        if callback_type == CALLBACK_CHANNEL_MESSAGE:
            message = self._interaction_message(record, data, flags)
        elif callback_type == CALLBACK_DEFERRED_CHANNEL_MESSAGE:
            message = self._interaction_message(record, {}, flags | FLAG_LOADING)
            interaction["response_message_loading"] = True
        elif callback_type in (CALLBACK_DEFERRED_UPDATE_MESSAGE, CALLBACK_UPDATE_MESSAGE):
            target = record.payload.get("message")
            message = self.messages.get(int(target["id"])) if target else None
            if message is not None and callback_type == CALLBACK_UPDATE_MESSAGE:
                self._apply_edit(message, data)
            if message is not None:
                interaction["response_message_ephemeral"] = bool(message.get("flags", 0) & FLAG_EPHEMERAL)
        elif callback_type != CALLBACK_AUTOCOMPLETE_RESULT:
            resource = None
        if message is not None:
            record.original_message_id = int(message["id"])
            interaction["response_message_id"] = message["id"]
            assert resource is not None
            resource["message"] = message
            if callback_type in (CALLBACK_CHANNEL_MESSAGE, CALLBACK_DEFERRED_CHANNEL_MESSAGE):
                await self._echo("MESSAGE_CREATE", message)
            elif callback_type == CALLBACK_UPDATE_MESSAGE:
                await self._echo("MESSAGE_UPDATE", message)
        if request.query.get("with_response") not in ("1", "true", "True"):
            return _no_content()
        return _json_response({"interaction": interaction, "resource": resource})

    def _webhook_record(self, request: web.Request) -> InteractionRecord | None:
        record = self._interactions_by_token.get(request.match_info["token"])
        if record is None or request.match_info["application_id"] != str(self.application_id):
            return None
        return record

    def _webhook_message(self, record: InteractionRecord, raw_id: str) -> JSON | None:
        if raw_id == "@original":
            if record.original_message_id is None:
                return None
            return self.messages.get(record.original_message_id)
        return self.messages.get(int(raw_id))

    async def _webhook_execute(self, request: web.Request) -> web.StreamResponse:
        record = self._webhook_record(request)
        if record is None:
            return _error_response(404, "Unknown Webhook", 10015)
        if not record.callbacks:
            return _error_response(404, "Unknown Webhook", 10015)  # no follow-ups before the first response
        payload: JSON = request[PAYLOAD_KEY] or {}
        first_followup = not record.followups
        record.followups.append(payload)
        original = self._webhook_message(record, "@original")
        if first_followup and original is not None and original.get("flags", 0) & FLAG_LOADING:
            # After a deferred response the first follow-up replaces the "thinking…" message.
            self._apply_edit(original, {k: v for k, v in payload.items() if k != "flags"})
            message = original
            await self._echo("MESSAGE_UPDATE", message)
        else:
            message = self._interaction_message(record, payload, int(payload.get("flags") or 0))
            await self._echo("MESSAGE_CREATE", message)
        if request.query.get("wait") in ("1", "true", "True"):
            return _json_response(message)
        return _no_content()

    async def _webhook_get_message(self, request: web.Request) -> web.StreamResponse:
        record = self._webhook_record(request)
        if record is None:
            return _error_response(404, "Unknown Webhook", 10015)
        message = self._webhook_message(record, request.match_info["message_id"])
        return _error_response(404, "Unknown Message", 10008) if message is None else _json_response(message)

    async def _webhook_edit_message(self, request: web.Request) -> web.StreamResponse:
        record = self._webhook_record(request)
        if record is None:
            return _error_response(404, "Unknown Webhook", 10015)
        raw_id = request.match_info["message_id"]
        message = self._webhook_message(record, raw_id)
        if message is None:
            return _error_response(404, "Unknown Message", 10008)
        payload: JSON = request[PAYLOAD_KEY] or {}
        record.edits.append({"message_id": raw_id, "payload": payload})
        self._apply_edit(message, payload)
        await self._echo("MESSAGE_UPDATE", message)
        return _json_response(message)

    async def _webhook_delete_message(self, request: web.Request) -> web.StreamResponse:
        record = self._webhook_record(request)
        if record is None:
            return _error_response(404, "Unknown Webhook", 10015)
        raw_id = request.match_info["message_id"]
        message = self._webhook_message(record, raw_id)
        if message is None:
            return _error_response(404, "Unknown Message", 10008)
        record.deletes.append(raw_id)
        del self.messages[int(message["id"])]
        await self._echo("MESSAGE_DELETE", message)
        return _no_content()

    # guilds

    def _guild_or_none(self, request: web.Request) -> FakeGuild | None:
        return self.guilds.get(int(request.match_info["guild_id"]))

    async def _get_guild(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild_or_none(request)
        if guild is None:
            return _error_response(404, "Unknown Guild", 10004)
        data = guild.payload()
        for key in ("channels", "threads", "members", "presences", "voice_states", "joined_at", "member_count"):
            data.pop(key, None)
        if request.query.get("with_counts") in ("1", "true", "True"):
            data["approximate_member_count"] = len(guild.members)
            data["approximate_presence_count"] = 0
        return _json_response(data)

    async def _get_guild_channels(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild_or_none(request)
        if guild is None:
            return _error_response(404, "Unknown Guild", 10004)
        return _json_response([c.payload() for c in guild.channels.values() if not c.is_thread])

    async def _get_guild_roles(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild_or_none(request)
        if guild is None:
            return _error_response(404, "Unknown Guild", 10004)
        return _json_response([r.payload() for r in guild.roles.values()])

    async def _get_member(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild_or_none(request)
        if guild is None:
            return _error_response(404, "Unknown Guild", 10004)
        member = guild.members.get(int(request.match_info["user_id"]))
        return _error_response(404, "Unknown Member", 10007) if member is None else _json_response(member.payload())
