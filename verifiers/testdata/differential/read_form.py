# Reads a JSON array of urlencoded bodies on stdin; prints, for each, the
# name/value pairs urllib.parse.parse_qsl reads (blank values kept).
import json, sys
from urllib.parse import parse_qsl

json.dump([parse_qsl(b, keep_blank_values=True) for b in json.load(sys.stdin)], sys.stdout)
