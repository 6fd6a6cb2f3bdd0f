"""Drive Voicefiles with the Python MCP clients, without a model.

Usage: VOICEFILES_TOKEN=<token> mcp_clients.py <base url> <query>
Prints one JSON line per client and transport: {"client", "transport", "tools", "text", "structured"}
or {"client", "transport", "skipped": reason}. Exits non-zero on the first failure.
"""

import asyncio
import json
import os
import sys

import httpx2
from mcp import ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client


def report(client, transport, tools, result):
    text = result.content[0].text if result.content else None
    # mcp 2.x names fields in snake_case; 1.x (under openai-agents) in camelCase.
    structured = getattr(result, "structured_content", None) or getattr(result, "structuredContent", None)
    is_error = getattr(result, "is_error", getattr(result, "isError", None))
    print(json.dumps({"client": client, "transport": transport, "tools": sorted(tools), "text": text,
                      "structured": structured, "is_error": is_error}), flush=True)


async def with_session(streams, query):
    read, write = streams[0], streams[1]
    async with ClientSession(read, write) as session:
        await session.initialize()
        tools = [tool.name for tool in (await session.list_tools()).tools]
        return tools, await session.call_tool("find", {"query": query})


async def mcp_streamable_http(base, headers, query):
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(10.0, read=30.0)) as http:
        async with streamable_http_client(f"{base}/v1/mcp", http_client=http) as streams:
            report("mcp", "streamable-http", *await with_session(streams, query))


async def mcp_sse(base, headers, query):
    async with sse_client(f"{base}/v1/sse", headers=headers) as streams:
        report("mcp", "sse", *await with_session(streams, query))


async def openai_agents(base, headers, query):
    try:
        from agents.mcp import MCPServerSse, MCPServerStreamableHttp
    except ImportError:
        for transport in ("streamable-http", "sse"):
            print(json.dumps({"client": "openai-agents", "transport": transport, "skipped": "openai-agents is not installed"}), flush=True)
        return
    for transport, server in (
        ("streamable-http", MCPServerStreamableHttp(params={"url": f"{base}/v1/mcp", "headers": headers}, name="voicefiles")),
        ("sse", MCPServerSse(params={"url": f"{base}/v1/sse", "headers": headers}, name="voicefiles")),
    ):
        async with server:
            tools = [tool.name for tool in await server.list_tools()]
            report("openai-agents", transport, tools, await server.call_tool("find", {"query": query}))


async def main():
    base, query, token = sys.argv[1], sys.argv[2], os.environ["VOICEFILES_TOKEN"]
    headers = {"Authorization": f"Bearer {token}"}
    await mcp_streamable_http(base, headers, query)
    await mcp_sse(base, headers, query)
    await openai_agents(base, headers, query)


if __name__ == "__main__":
    asyncio.run(main())
