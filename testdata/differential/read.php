<?php
// Reads webhook bodies the way a PHP app would (json_decode,
// parse_str, which is what fills $_POST); same protocol and canonical form
// as read.py. parse_str nests "a[b]" names into arrays: such a reading is
// flattened back to [name, value] pairs with PHP's own names.

function canon($v) {
    if (is_array($v)) {
        return array_map('canon', $v);
    }
    if ($v instanceof stdClass) {
        $pairs = [];
        foreach (get_object_vars($v) as $k => $x) {
            $pairs[] = [str((string)$k), canon($x)];
        }
        return ['obj' => $pairs];
    }
    if (is_int($v) || is_float($v)) {
        $f = (float)$v;
        if (is_infinite($f) || is_nan($f)) {
            return ['f64' => 'inf'];
        }
        return ['f64' => bin2hex(pack('E', $f))];
    }
    return str($v);
}

// str keeps a string, or renders bytes that are not UTF-8 as {"bytes": hex}.
function str($v) {
    if (is_string($v) && !preg_match('//u', $v)) {
        return ['bytes' => bin2hex($v)];
    }
    return $v;
}

function flatten($prefix, $v, &$out) {
    if (is_array($v)) {
        foreach ($v as $k => $x) {
            flatten($prefix === null ? (string)$k : $prefix . '[' . $k . ']', $x, $out);
        }
        return;
    }
    $out[] = [str($prefix), str($v)];
}

function read_body($kind, $data) {
    if ($kind === 'json') {
        $v = json_decode($data, false, 512, JSON_THROW_ON_ERROR);
        return canon($v);
    }
    $parsed = [];
    parse_str($data, $parsed);
    $out = [];
    flatten(null, $parsed, $out);
    return $out;
}

while (($line = fgets(STDIN)) !== false) {
    $req = json_decode($line, true);
    try {
        $out = ['ok' => read_body($req['kind'], base64_decode($req['data']))];
    } catch (Throwable $e) {
        $out = ['error' => get_class($e)];
    }
    echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
}
