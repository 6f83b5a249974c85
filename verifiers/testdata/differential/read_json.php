<?php
// PHP's json_decode reading of each base64 body on stdin (see read_json.py).
function flat($v, $path, &$out) {
    if (is_object($v)) {
        foreach (get_object_vars($v) as $k => $x) flat($x, array_merge($path, ["k:" . $k]), $out);
    } elseif (is_array($v)) {
        foreach ($v as $i => $x) flat($x, array_merge($path, ["i:" . $i]), $out);
    } elseif (is_string($v)) {
        $out[] = [$path, "s", $v];
    } elseif (is_int($v)) {
        $out[] = [$path, "i", (string)$v];
    }
}
$res = [];
foreach (json_decode(file_get_contents("php://stdin")) as $b) {
    $raw = base64_decode($b);
    $v = json_decode($raw);
    if (json_last_error() !== JSON_ERROR_NONE) { $res[] = null; continue; }
    $out = [];
    flat($v, [], $out);
    $res[] = $out;
}
echo json_encode($res, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
