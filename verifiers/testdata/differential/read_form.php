<?php
// The variables parse_str makes of each body on stdin: a map whose values
// are strings or (for name[...] fields) arrays.
$res = [];
foreach (json_decode(file_get_contents("php://stdin")) as $b) {
    parse_str($b, $out);
    $res[] = (object)$out;
}
echo json_encode($res, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
