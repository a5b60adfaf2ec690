# A client written the way MiniMax's video guide writes one: requests, raise_for_status(), then base_resp.
# Usage: guide_style.py create <body-json> | query <task_id> | retrieve <file_id>; MINIMAX_API_HOST and MINIMAX_API_KEY set.
import json
import os
import sys

import requests

host = os.environ["MINIMAX_API_HOST"].rstrip("/")
headers = {"Authorization": f"Bearer {os.environ['MINIMAX_API_KEY']}"}


def check(response):
    response.raise_for_status()
    data = response.json()
    if data["base_resp"]["status_code"] != 0:
        print(f"MiniMax error {data['base_resp']['status_code']}: {data['base_resp']['status_msg']}")
        print(f"Trace-Id: {response.headers.get('Trace-Id')}")
        sys.exit(1)
    return data


action, argument = sys.argv[1], sys.argv[2]
if action == "create":
    data = check(requests.post(f"{host}/v1/video_generation", headers=headers, json=json.loads(argument)))
    print(f"task_id: {data['task_id']}")
elif action == "query":
    data = check(requests.get(f"{host}/v1/query/video_generation", headers=headers, params={"task_id": argument}))
    print(f"status: {data['status']} file_id: {data.get('file_id', '')}")
else:
    data = check(requests.get(f"{host}/v1/files/retrieve", headers=headers, params={"file_id": argument}))
    video = requests.get(data["file"]["download_url"])
    video.raise_for_status()
    print(f"bytes: {len(video.content)}")
