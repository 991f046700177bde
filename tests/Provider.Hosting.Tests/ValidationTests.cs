using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using LoguStyle.Queue;
using LoguStyle.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

public class ValidationTests
{
    public static TheoryData<string, string> BadConfigurations => new()
    {
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": "Verbose" } } }""",
            "Logging:LoguStyle:Sinks:c:Level: 'Verbose' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": "3" } } }""",
            "Logging:LoguStyle:Sinks:c:Level: '3' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": { "Min": "Debug" } } } }""",
            "Logging:LoguStyle:Sinks:c:Level: expected a level, found a section (an array or an object); accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sink": { } , "Sinks": { "c": { "Type": "Console" } }, "Color": "red" }""",
            "Logging:LoguStyle:Color: unknown key 'Color'; accepted: Sinks, Levels, LogLevel, QueueCapacity, QueueFullMode, ExitTimeout, DisposeTimeout, LogUnhandledExceptions, DrainOnExit."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Colour": "Auto" } } }""",
            "Logging:LoguStyle:Sinks:c:Colour: unknown key 'Colour' for a Console sink; accepted: Type, Level, MaxLevel, CallerInfo, Format, Filter, Serialize, JsonFormat, SingleLine, Enqueue, QueueCapacity, QueueFullMode, Colorize, Stream."
        },
        {
            """{ "Sinks": { "capture": { "Colorize": "Auto" } } }""",
            "Logging:LoguStyle:Sinks:capture:Colorize: unknown key 'Colorize' for a Delegate sink; accepted: Type, Level, MaxLevel, CallerInfo, Format, Filter, Serialize, JsonFormat, SingleLine, Enqueue, QueueCapacity, QueueFullMode."
        },
        {
            """{ "Sinks": { "c": { "Type": "Kafka" } } }""",
            "Logging:LoguStyle:Sinks:c:Type: 'Kafka' is not a sink type; accepted: Console, File, Syslog (Delegate sinks are added in code)."
        },
        {
            """{ "Sinks": { "capture": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Sinks:capture:Type: 'Console' does not match the sink 'capture' added in code, which is a Delegate sink"
        },
        {
            """{ "Sinks": { "mine": { "Level": "Debug" } } }""",
            "Logging:LoguStyle:Sinks:mine:Type: missing; every configured sink needs a Type; accepted: Console, File, Syslog."
        },
        // Outside test of issue 20: a wrong shape read as "missing"; it says what was found instead.
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": [ "Warning" ] } } }""",
            "Logging:LoguStyle:Sinks:c:Filter: expected an object of category prefixes and levels, found an array; e.g. { \"\": \"Information\", \"Microsoft\": \"Warning\" }"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": [ "Warning", "Error" ] } } }""",
            "Logging:LoguStyle:Sinks:c:Filter: expected an object of category prefixes and levels, found an array"
        },
        {
            """{ "Sinks": { "mine": { "Type": [ "File" ], "Path": "a.log" } } }""",
            "Logging:LoguStyle:Sinks:mine:Type: expected a sink type, found a section (an array or an object); accepted: Console, File, Syslog."
        },
        {
            """{ "Sinks": { "mine": { "Type": { "Kind": "File" } } } }""",
            "Logging:LoguStyle:Sinks:mine:Type: expected a sink type, found a section (an array or an object); accepted: Console, File, Syslog."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": [ "a.log", "b.log" ] } } }""",
            "Logging:LoguStyle:Sinks:f:Path: expected a path, found a section (an array or an object); a File sink's Path is one text"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": { "Name": "a.log" } } } }""",
            "Logging:LoguStyle:Sinks:f:Path: expected a path, found a section (an array or an object); a File sink's Path is one text"
        },
        {
            """{ "Sinks": { "f": "File" } }""",
            "Logging:LoguStyle:Sinks:f: 'File' is a value, but a sink is an object of its keys, e.g. \"f\": { \"Type\": \"File\", \"Path\": \"logs/app.log\" }."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Colorize": "sometimes" } } }""",
            "Logging:LoguStyle:Sinks:c:Colorize: 'sometimes' is not a colour mode; accepted: Auto, true, false (or Always, Never)."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Stream": "stdlog" } } }""",
            "Logging:LoguStyle:Sinks:c:Stream: 'stdlog' is not a console stream; accepted: Stdout, Stderr."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": { "Microsoft": "Loud" } } } }""",
            "Logging:LoguStyle:Sinks:c:Filter:Microsoft: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": "Warning" } } }""",
            "Logging:LoguStyle:Sinks:c:Filter: 'Warning' is a value, but Filter must be an object of category prefixes and levels"
        },
        {
            """{ "Sinks": "console" }""",
            "Logging:LoguStyle:Sinks: 'console' is a value, but Sinks must be an object of named sinks"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "{time} {lvl}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: format template error at position 7: unknown token '{lvl}'; accepted: {time[:format][!UTC]}"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "<red>{message}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: format template error at position 0: the tag '<red>' is never closed"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "app.log", "Enqueue": true, "Format": "{time:HH:mm:ss.f|{message}" } } }""",
            "Logging:LoguStyle:Sinks:f:Format: format template error at position 0: the token opened here is not closed with '}' before the next '{' at position 17"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "{level,wide}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: format template error at position 0: '{level,wide}' has a bad alignment 'wide'"
        },
        {
            """{ "QueueCapacity": 0, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:QueueCapacity: '0' is not a queue capacity; accepted: a whole number of records from 1 to 2147483647, e.g. 10000."
        },
        {
            """{ "QueueFullMode": "Block", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:QueueFullMode: 'Block' is not a queue-full mode; accepted: Wait, DropOldest, DropWrite."
        },
        {
            """{ "ExitTimeout": "forever", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:ExitTimeout: 'forever' is not a duration above zero: one or more 'number unit' terms"
        },
        {
            """{ "LogUnhandledExceptions": "maybe", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:LogUnhandledExceptions: 'maybe' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Enqueue": "maybe" } } }""",
            "Logging:LoguStyle:Sinks:c:Enqueue: 'maybe' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "QueueCapacity": "-5" } } }""",
            "Logging:LoguStyle:Sinks:c:QueueCapacity: '-5' is not a queue capacity"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "QueueCapacity": "lots" } } }""",
            "Logging:LoguStyle:Sinks:c:QueueCapacity: 'lots' is not a queue capacity"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "QueueFullMode": "DropAll" } } }""",
            "Logging:LoguStyle:Sinks:c:QueueFullMode: 'DropAll' is not a queue-full mode; accepted: Wait, DropOldest, DropWrite."
        },
        {
            """{ "Levels": { "Verbose": { "Name": "V" } } }""",
            "Logging:LoguStyle:Levels:Verbose: 'Verbose' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, Custom."
        },
        {
            """{ "Levels": { "Warning": { "Colour": "<red>" } } }""",
            "Logging:LoguStyle:Levels:Warning:Colour: unknown key 'Colour' for a level; accepted: Name, Color, Icon."
        },
        {
            """{ "Levels": { "Warning": { "Color": "<purple>" } } }""",
            "Logging:LoguStyle:Levels:Warning:Color: '<purple>' has an unknown tag '<purple>'; accepted:"
        },
        {
            """{ "Levels": { "Warning": { "Color": "red" } } }""",
            "Logging:LoguStyle:Levels:Warning:Color: 'red' is not a colour; accepted: opening tags such as"
        },
        {
            """{ "Sinks": { "f": { "Type": "File" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: missing; a File sink needs a Path"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "  " } } }""",
            "Logging:LoguStyle:Sinks:f:Path: '  ' is white space only, not a path; a File sink needs a Path"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/a_{{x}}.log" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/a_{{x}}.log' has '{{', but a file name's braces cannot be doubled (escaped)"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/{level}.log" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/{level}.log' has an unknown token '{level}'; the file name accepts {time} and {time:format} tokens only."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "500 MBs" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: '500 MBs' is not a rotation: a size (\"500 MB\", \"1.5 GiB\"), an interval (\"1 week\", \"12 h\"), a clock time"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": [ "10 MB", "noonish" ] } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation:1: 'noonish' is not a rotation"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": "ten days" } } }""",
            "Logging:LoguStyle:Sinks:f:Retention: 'ten days' is not a retention: a whole number of files to keep (e.g. 5), an age (e.g. \"10 days\", \"1 week\") or a total size with its unit (e.g. \"1 GB\", \"500 MiB\"; units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": -3 } } }""",
            "Logging:LoguStyle:Sinks:f:Retention: '-3' is not a retention"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Compression": "xz" } } }""",
            "Logging:LoguStyle:Sinks:f:Compression: 'xz' is not a compression: gz, zip or br."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Delay": "yes" } } }""",
            "Logging:LoguStyle:Sinks:f:Delay: 'yes' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Mode": "Overwrite" } } }""",
            "Logging:LoguStyle:Sinks:f:Mode: 'Overwrite' is not a file mode; accepted: Append, Truncate."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotate": "1 MB" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotate: unknown key 'Rotate' for a File sink; accepted: Type, Level, MaxLevel, CallerInfo, Format, Filter, Serialize, JsonFormat, SingleLine, Enqueue, QueueCapacity, QueueFullMode, Path, Rotation, Retention, Compression, Delay, Watch, Mode, RotateOnShutdown, AutoFlush, Shared."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Rotation": "1 MB" } } }""",
            "Logging:LoguStyle:Sinks:c:Rotation: unknown key 'Rotation' for a Console sink"
        },
        // Every other key with a wrong value: the message names the key path, the value and the accepted forms.
        {
            """{ "Sinks": { "c": { "Type": "Console", "Serialize": true, "JsonFormat": "Gelf" } } }""",
            "Logging:LoguStyle:Sinks:c:JsonFormat: 'Gelf' is not a JSON format; accepted: LoguStyle, Clef, Ecs, Otel."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Serialize": "json" } } }""",
            "Logging:LoguStyle:Sinks:c:Serialize: 'json' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "SingleLine": "1" } } }""",
            "Logging:LoguStyle:Sinks:c:SingleLine: '1' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Watch": "often" } } }""",
            "Logging:LoguStyle:Sinks:f:Watch: 'often' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "RotateOnShutdown": "at exit" } } }""",
            "Logging:LoguStyle:Sinks:f:RotateOnShutdown: 'at exit' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "AutoFlush": "always" } } }""",
            "Logging:LoguStyle:Sinks:f:AutoFlush: 'always' is not a switch; accepted: true, false."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "AutoFlush": { "Every": 1 } } } }""",
            "Logging:LoguStyle:Sinks:f:AutoFlush: expected a switch, found a section (an array or an object); accepted: true, false."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": { "Text": "{message}" } } } }""",
            "Logging:LoguStyle:Sinks:c:Format: expected a format template, found a section (an array or an object); accepted: text with tokens "
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "{message" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: format template error at position 0:"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Stream": { "Fd": 1 } } } }""",
            "Logging:LoguStyle:Sinks:c:Stream: expected a console stream, found a section (an array or an object); accepted: "
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": { "Microsoft": "2" } } } }""",
            "Logging:LoguStyle:Sinks:c:Filter:Microsoft: '2' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: the value is empty; expected a file path; accepted: a path whose file name may hold {time} or {time:format} tokens, e.g. \"logs/app.log\" or \"logs/app_{time:yyyy-MM-dd}.log\"; a File sink needs a Path."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app\u0000.log" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/app\0.log' is not a valid file path"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/' names a folder, not a file."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/{time:yyyy}/app.log" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/{time:yyyy}/app.log': {time} tokens are accepted in the file name only, not in folder names."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app_{time.log" } } }""",
            "Logging:LoguStyle:Sinks:f:Path: 'logs/app_{time.log' has a '{' that is never closed; the file name accepts {time} and {time:format} tokens only."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "-1 MB" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: '-1 MB' is not a rotation: a size (\"500 MB\", \"1.5 GiB\"), an interval (\"1 week\", \"12 h\"), a clock time"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "0 B" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: '0 B' is not a rotation"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "25:00" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: '25:00' is not a rotation"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "funday at 12:00" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: 'funday at 12:00' is not a rotation"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": "2 fortnights" } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation: '2 fortnights' is not a rotation"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Rotation": { "Size": "1 MB" } } } }""",
            "Logging:LoguStyle:Sinks:f:Rotation:Size: unknown key 'Size'; Rotation is one condition or an array of them, e.g. \"10 MB\" or [ \"00:00\", \"500 MB\" ]."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": "1.5" } } }""",
            "Logging:LoguStyle:Sinks:f:Retention: '1.5' is not a retention: a whole number of files to keep (e.g. 5), an age (e.g. \"10 days\", \"1 week\") or a total size with its unit (e.g. \"1 GB\", \"500 MiB\"; units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": "1 GBs" } } }""",
            "Logging:LoguStyle:Sinks:f:Retention: '1 GBs' is not a retention: a whole number of files to keep (e.g. 5), an age"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": "0 GB" } } }""",
            "Logging:LoguStyle:Sinks:f:Retention: '0 GB' is not a retention"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": [ "30 days", "1 gallon" ] } } }""",
            "Logging:LoguStyle:Sinks:f:Retention:1: '1 gallon' is not a retention"
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Retention": { "Count": 5 } } } }""",
            "Logging:LoguStyle:Sinks:f:Retention:Count: unknown key 'Count'; Retention is one condition or an array of them, e.g. \"1 GB\" or [ \"30 days\", \"1 GB\" ]."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Compression": { "Kind": "gz" } } } }""",
            "Logging:LoguStyle:Sinks:f:Compression: expected a compression, found a section (an array or an object); accepted: gz, zip or br."
        },
        {
            """{ "Sinks": { "f": { "Type": "File", "Path": "logs/app.log", "Mode": "2" } } }""",
            "Logging:LoguStyle:Sinks:f:Mode: '2' is not a file mode; accepted: Append, Truncate."
        },
        {
            """{ "Sinks": { "c": { "Type": { "Name": "Console" } } } }""",
            "Logging:LoguStyle:Sinks:c:Type: expected a sink type, found a section (an array or an object); accepted: Console, File, Syslog."
        },
        {
            """{ "QueueCapacity": "1.5", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:QueueCapacity: '1.5' is not a queue capacity; accepted: a whole number of records from 1 to 2147483647, e.g. 10000."
        },
        {
            """{ "QueueCapacity": "99999999999", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:QueueCapacity: '99999999999' is not a queue capacity; accepted: a whole number of records from 1 to 2147483647, e.g. 10000."
        },
        {
            """{ "ExitTimeout": "-5 s", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:ExitTimeout: '-5 s' is not a duration above zero: one or more 'number unit' terms, e.g. \"10 days\""
        },
        {
            """{ "ExitTimeout": "0 s", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:ExitTimeout: '0 s' is not a duration above zero"
        },
        {
            """{ "Levels": { "Warning": { "Name": " " } }, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Levels:Warning:Name: ' ' is only white space; accepted: the name to write, e.g. \"WARN\", or leave Name out to keep WARNING."
        },
        {
            """{ "Levels": { "Warning": { "Name": "WA\nRN" } }, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Levels:Warning:Name: the value holds the control character U+000A; accepted: printable characters only, since a level's name and icon are written into every record's line."
        },
        {
            """{ "Levels": { "Error": { "Icon": "\u001b[31m!" } }, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Levels:Error:Icon: the value holds the control character U+001B; accepted: printable characters only"
        },
        {
            """{ "Levels": { "Custom": { "NOTICE": { "Icon": "\t" } } }, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Levels:Custom:NOTICE:Icon: the value holds the control character U+0009; accepted: printable characters only"
        },
        {
            """{ "Levels": { "Warning": { "Name": "WA\u2028RN" } }, "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Levels:Warning:Name: the value holds the line break U+2028; accepted: printable characters only"
        },
        {
            """{ "Sinks": { "a\nLoguStyle dropped 0 records": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Sinks: the sink named 'a\\u000ALoguStyle dropped 0 records' holds the control character U+000A in its name; accepted: printable characters only, e.g. \"app\"."
        },
        {
            """{ "Sinks": { " ": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Sinks: a sink named ' ', only white space; a sink's name needs a character other than white space, e.g. \"app\"."
        },
        {
            """{ "DisposeTimeout": "50 days", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:DisposeTimeout: '50 days' is longer than 24 days, the longest wait .NET's timers take; accepted: a duration above zero and at most 24 days, e.g. \"30 s\"."
        },
        {
            """{ "ExitTimeout": "1 year", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:ExitTimeout: '1 year' is longer than 24 days"
        },
        {
            """{ "DisposeTimeout": "30000 years", "Sinks": { "c": { "Type": "Console" } } }""",
            "Logging:LoguStyle:DisposeTimeout: '30000 years' is longer than 24 days"
        },
        {
            """{ "Levels": "loud" }""",
            "Logging:LoguStyle:Levels: 'loud' is a value, but Levels must be an object of levels"
        },
        {
            """{ "Levels": { "Error": { "Name": { "Short": "E" } } } }""",
            "Logging:LoguStyle:Levels:Error:Name: expected a level name, found a section (an array or an object); accepted: "
        },
        {
            """{ "Levels": { "Error": { "Icon": { "Glyph": "x" } } } }""",
            "Logging:LoguStyle:Levels:Error:Icon: expected a text, found a section (an array or an object)."
        },
        {
            """{ "Levels": { "Error": { "Color": "<red>text</red>" } } }""",
            "Logging:LoguStyle:Levels:Error:Color: '<red>text</red>' is not a colour; accepted: opening tags such as \"<yellow><bold>\", \"<fg #ff8800>\", \"<RED>\"."
        },
        {
            """{ "Sinks": { "a": { "Type": "File", "Path": "logs/same.log" }, "b": { "Type": "File", "Path": "logs/same.log" } } }""",
            "Logging:LoguStyle:Sinks:b: sinks 'a' and 'b' both write"
        },
        {
            // Serilog's WriteTo habit: an array read as sinks named 0, 1 (an outside test found it taken silently).
            """{ "Sinks": [ { "Type": "Console" } ] }""",
            "Logging:LoguStyle:Sinks:0: a sink named '0', as a JSON array's items are; Sinks is an object whose keys name the sinks"
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task StartUp_BadValue_FailsNamingKeyValueAndAcceptedForms(string loguStyleJson, string expected)
    {
        var message = await StartUpError(loguStyleJson);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_PathThatIsADirectory_FailsSayingSo()
    {
        using var folder = new TempFolder();
        var path = folder.Path.Replace("\\", "/", StringComparison.Ordinal);

        var message = await StartUpError($$"""{ "Sinks": { "f": { "Type": "File", "Path": "{{path}}" } } }""");

        Assert.Contains($"Logging:LoguStyle:Sinks:f:Path: '{folder.Path}' is a directory; a File sink's Path names a file, e.g. '{Path.Combine(folder.Path, "app.log")}'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_SeveralBadValues_ReportsThemAllInOneMessage()
    {
        var message = await StartUpError("""{ "Sinks": { "a": { "Type": "Console", "Level": "Loud" }, "b": { "Type": "Console", "Stream": "x" } } }""");

        Assert.Contains("Logging:LoguStyle:Sinks:a:Level: 'Loud'", message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:b:Stream: 'x'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_SeveralBadValues_OneProblemALineEachStartingWithItsKey()
    {
        var message = await StartUpError("""{ "Sinks": { "a": { "Type": "Console", "Level": "Loud" }, "b": { "Type": "Console", "Stream": "x" } } }""");

        // Issue 18: MEL joined the problems with "; " into one line of ".; "-separated sentences.
        Assert.Equal(
            [
                "LoguStyle's logging configuration has 2 problems:",
                "  Logging:LoguStyle:Sinks:a:Level: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.",
                "  Logging:LoguStyle:Sinks:b:Stream: 'x' is not a console stream; accepted: Stdout, Stderr.",
            ],
            message.Split(Environment.NewLine));
    }

    // configuration.md: every problem at once. A File sink whose Path is bad is not built, but its other keys are read.
    public static TheoryData<string, string> BadFilePaths => new()
    {
        { "\"Path\": \"\", ", "Logging:LoguStyle:Sinks:f:Path: the value is empty;" },
        { "", "Logging:LoguStyle:Sinks:f:Path: missing;" },
        { "\"Path\": [ \"a.log\" ], ", "Logging:LoguStyle:Sinks:f:Path: expected a path, found a section" },
        { "\"Path\": \"logs/{nope}.log\", ", "Logging:LoguStyle:Sinks:f:Path: " },
    };

    [Theory]
    [MemberData(nameof(BadFilePaths))]
    public async Task StartUp_FileSinkWithABadPathAndOtherBadKeys_ReportsThemAll(string path, string pathProblem)
    {
        var message = await StartUpError($$"""{ "Sinks": { "f": { "Type": "File", {{path}}"Level": "Loud", "Rotation": "500 parsecs", "Colour": "red" } } }""");

        Assert.StartsWith("LoguStyle's logging configuration has 4 problems:", message, StringComparison.Ordinal);
        Assert.Contains(pathProblem, message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:f:Level: 'Loud' is not a level", message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:f:Rotation: '500 parsecs'", message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:f:Colour: unknown key 'Colour' for a File sink", message, StringComparison.Ordinal);
    }

    // A setting that would do nothing is refused at start-up, as on a record delegate sink: JSON schema without JSON
    // lines, a template with them.
    [Theory]
    [InlineData("Console", "\"JsonFormat\": \"Clef\"", "JsonFormat: 'Clef' has no effect without Serialize: true")]
    [InlineData("File", "\"JsonFormat\": \"Clef\"", "JsonFormat: 'Clef' has no effect without Serialize: true")]
    [InlineData("Console", "\"Format\": \"{message}\", \"Serialize\": true", "Format: '{message}' has no effect with Serialize: true")]
    [InlineData("File", "\"Format\": \"{message}\", \"Serialize\": true", "Format: '{message}' has no effect with Serialize: true")]
    public async Task StartUp_SettingWithNoEffectOnAFormattingSink_IsRefusedNamingTheKey(string type, string keys, string expected)
    {
        using var folder = new TempFolder();
        var path = type == "File" ? $"\"Path\": \"{folder.File("app.log").Replace("\\", "/", StringComparison.Ordinal)}\", " : "";

        var message = await StartUpError($$"""{ "Sinks": { "s": { "Type": "{{type}}", {{path}}{{keys}} } } }""");

        Assert.Contains($"Logging:LoguStyle:Sinks:s:{expected}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_AddFileWithAJsonFormatButNoSerialize_IsRefusedNamingTheSinkAndTheKey()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.clef");

        var message = await StartUpError("{}", log => log.AddFile(path, jsonFormat: JsonFormat.Clef));

        Assert.Contains($"sink '{path}' (added in code): JsonFormat 'Clef' has no effect without Serialize: true", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddFile_EmptyPath_ThrowsNamingThePathOfAFileSink(string path)
    {
        using var test = new TestHost("{}");

        var error = Assert.Throws<ArgumentException>(() => test.Builder.Logging.AddLoguStyle(log => log.AddFile(path)));

        Assert.Equal("path", error.ParamName);
        Assert.StartsWith("A File sink's path is empty or white space; give the active file's path, e.g. \"logs/app.log\".", error.Message, StringComparison.Ordinal);
    }

    // MEL reads Logging:LoguStyle:LogLevel itself (LoggerFilterOptions) when the host is built, before any options
    // validation, and its message names no key. What MEL's parser refuses is reported first, as every other key is.
    [Fact]
    public async Task Build_BadLogLevelUnderLoguStyle_FailsNamingTheKeyTheValueAndTheAcceptedLevels()
    {
        using var test = new TestHost("""{ "LogLevel": { "Default": "Loud", "Microsoft": "warning", "System": "3", "My.App": "Quiet" } }""");

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(async () =>
        {
            using var host = test.Builder.Build();
            await host.StartAsync();
            await host.StopAsync();
        });

        Assert.Equal(
            [
                "LoguStyle's logging configuration has 2 problems:",
                "  Logging:LoguStyle:LogLevel:Default: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.",
                "  Logging:LoguStyle:LogLevel:My.App: 'Quiet' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.",
            ],
            error.Message.Split(Environment.NewLine));
    }

    // MEL's own keys, and another provider's, are read by the same filter reader: each is named by its full path. The
    // build fails before LoguStyle's provider is made: a provider made first had its file open, nobody disposed it, and a
    // second host in the process on the same file was refused ("another LoguStyle provider ... already writes").
    [Theory]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Logging:Console:LogLevel:My.App")]
    public async Task Build_BadLogLevelOfMelOrAnotherProvider_FailsNamingTheKey_AndLeavesNoProviderWithTheFileOpen(string key)
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");
        var sinks = $$"""{ "Sinks": { "file": { "Type": "File", "Path": {{System.Text.Json.JsonSerializer.Serialize(path)}} } } }""";
        using (var bad = new TestHost(sinks))
        {
            bad.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = "Loud" });

            var error = Assert.ThrowsAny<InvalidOperationException>(() => bad.Builder.Build());
            Assert.Contains($"  {key}: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path), "the failed build opened the sink's file");
        using var good = new TestHost(sinks);
        var (host, _, logger) = await good.StartAsync();
        using (host)
        {
            logger.LogWarning("after the failed build");
            await host.StopAsync();
        }

        Assert.Contains("after the failed build", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_BadTemplateOnACodeSink_NamesTheSink()
    {
        var message = await StartUpError("{}", log => log.AddConsole(console => { console.Format = "{time:}"; console.Name = "mine"; }));

        Assert.Contains("sink 'mine' (added in code): format template error at position 0: '{time:}' has an empty format", message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "'mine'"));
    }

    public static TheoryData<string, string> RecordDelegateSettings => new()
    {
        { "Format", "'{message}'" },
        { "Serialize", "'True'" },
        { "JsonFormat", "'Ecs'" },
        { "SingleLine", "'True'" },
    };

    [Theory]
    [MemberData(nameof(RecordDelegateSettings))]
    public async Task StartUp_RecordDelegateSinkWithATextOrJsonSetting_IsRefusedNamingTheSinkAndTheKey(string key, string value)
    {
        void Set(SinkOptions sink)
        {
            switch (key)
            {
                case "Format": sink.Format = "{message}"; break;
                case "Serialize": sink.Serialize = true; break;
                case "JsonFormat": sink.JsonFormat = JsonFormat.Ecs; break;
                default: sink.SingleLine = true; break;
            }
        }

        var inCode = await StartUpError("{}", log => log.AddSink(_ => { }, sink => { sink.Name = "records"; Set(sink); }));
        var async = await StartUpError("{}", log => log.AddSink((_, _) => ValueTask.CompletedTask, sink => { sink.Name = "records"; Set(sink); }));
        var configured = await StartUpError($$"""{ "Sinks": { "capture": { "{{key}}": {{(key == "Format" ? "\"{message}\"" : key == "JsonFormat" ? "\"Ecs\"" : "true")}} } } }""");

        var effect = $"{value} has no effect on a delegate sink, which hands your code the LogRecord itself and formats nothing; leave {key} out (AddTextSink formats records as text).";
        Assert.Contains($"sink 'records' (added in code): {key} {effect}", inCode, StringComparison.Ordinal);
        Assert.Contains($"sink 'records' (added in code): {key} {effect}", async, StringComparison.Ordinal);
        Assert.Contains($"Logging:LoguStyle:Sinks:capture:{key}: {effect}", configured, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_TextDelegateSinkWithAFormat_Starts()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var test = new TestHost("{}", log => log.AddTextSink(lines.Enqueue, text => { text.Name = "text"; text.Format = "{level} {message}"; text.SingleLine = true; }));
        var (host, _, logger) = await test.StartAsync();
        using var hostScope = host;
        logger.LogWarning("kept");
        await host.StopAsync();

        Assert.Contains("WARNING kept\n", lines);
    }

    [Fact]
    public async Task StartUp_DuplicateSinkNamesInCode_Fails()
    {
        var message = await StartUpError("{}", log => log.AddConsole(console => console.Name = "capture"));

        Assert.Contains("two sinks are named 'capture'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_GoodConfiguration_Starts()
    {
        using var test = new TestHost("""{ "Sinks": { "c": { "Type": "Console", "Level": "warning", "Colorize": "true", "Stream": "stderr", "Format": "{level:u3} {message}", "Filter": { "Default": "Error" } } } }""");
        using var host = test.Builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["capture", "c"], host.Services.GetService(typeof(LoguStyleLoggerProvider)) is LoguStyleLoggerProvider p ? p.SinkNames : []);
    }

    [Fact]
    public async Task StartUp_ObsoleteDropNewest_IsReadAsDropWrite_AndEachKeyIsReportedOnceAsObsolete()
    {
        using var warnings = new StringWriter();
        using var test = new TestHost("""{ "QueueFullMode": "DropNewest", "Sinks": { "capture": { "Enqueue": true, "QueueFullMode": " dropnewest " } } }""");
        test.Builder.Services.AddSingleton(new ConfigurationResults { WarningOutput = warnings });
        using var host = test.Builder.Build();

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue;
        await host.StopAsync();

        Assert.Equal(QueueFullMode.DropWrite, options.QueueFullMode);
        Assert.Equal(QueueFullMode.DropWrite, options.Sinks.Single(sink => sink.Name == "capture").QueueFullMode);
        Assert.Equal(
            [
                "LoguStyle: Logging:LoguStyle:QueueFullMode: 'DropNewest' is obsolete; use 'DropWrite' (the same mode: the record being logged is dropped).",
                "LoguStyle: Logging:LoguStyle:Sinks:capture:QueueFullMode: 'dropnewest' is obsolete; use 'DropWrite' (the same mode: the record being logged is dropped).",
            ],
            warnings.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ObsoleteDropNewest_ThroughIOptionsAndReloadsKeepingIt_IsReportedOncePerKey_AKeyAddedLaterOnce()
    {
        // The reload runs on the file watcher's thread while the test reads: a synchronised writer.
        using var text = new StringWriter();
        var warnings = TextWriter.Synchronized(text);
        using var folder = new TempFolder();
        var withDropNewest = """{ "QueueFullMode": "DropNewest", "Sinks": { "capture": { "Enqueue": true, "QueueFullMode": "DropNewest", "Level": "LEVEL" } } }""";
        using var test = new TestHost(withDropNewest.Replace("LEVEL", "Trace", StringComparison.Ordinal));
        test.Builder.Services.AddSingleton(new ConfigurationResults { WarningOutput = warnings });
        var (host, reloader, _) = await test.StartAsync();
        using var hostScope = host;

        // Each of these builds the options again (IOptions, IOptionsSnapshot), as a host's own services do.
        _ = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value;
        using (var scope = host.Services.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<LoguStyleLoggerOptions>>().Value;
        }

        const int Reloads = 6;
        for (var edit = 1; edit <= Reloads; edit++)
        {
            test.WriteSettings(withDropNewest.Replace("LEVEL", edit % 2 == 0 ? "Trace" : "Debug", StringComparison.Ordinal));
            Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= edit, TimeSpan.FromSeconds(20)), $"edit {edit} was not applied");
        }

        var path = folder.File("added.log").Replace("\\", "/", StringComparison.Ordinal);
        test.WriteSettings($$"""{ "QueueFullMode": "DropNewest", "Sinks": { "capture": { "Enqueue": true, "QueueFullMode": "DropNewest" }, "added": { "Type": "File", "Path": "{{path}}", "Enqueue": true, "QueueFullMode": "DropNewest" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied > Reloads, TimeSpan.FromSeconds(20)), "the added sink was not applied");
        await host.StopAsync();

        const string Obsolete = "'DropNewest' is obsolete; use 'DropWrite' (the same mode: the record being logged is dropped).";
        Assert.Equal(
            [
                $"LoguStyle: Logging:LoguStyle:QueueFullMode: {Obsolete}",
                $"LoguStyle: Logging:LoguStyle:Sinks:capture:QueueFullMode: {Obsolete}",
                $"LoguStyle: Logging:LoguStyle:Sinks:added:QueueFullMode: {Obsolete}",
            ],
            text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    internal static async Task<string> StartUpError(string loguStyleJson, Action<LoguStyleBuilder>? configure = null)
    {
        using var test = new TestHost(loguStyleJson, configure);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = test.Builder.Build();
            await host.StartAsync();
            await host.StopAsync();
        });
        return ex.Message;
    }
}
