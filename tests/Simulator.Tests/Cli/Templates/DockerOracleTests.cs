using Simulator.Cli.Templates;

namespace Simulator.Tests.Cli.Templates;

/// <summary>
/// Templates run through the real docker CLI 28.2.2 (Go 1.24.3 text/template) as
/// <c>docker context ls --format TEMPLATE</c> on its one <c>default</c> context; expected texts are its output
/// (one row, newline dropped) or its error with the CLI's <c>template parsing error: </c> prefix dropped.
/// </summary>
public sealed class DockerOracleTests
{
    /// <summary>Template → docker 28.2.2's output, captured with <c>docker context ls --format</c>.</summary>
    public static TheoryData<string, string> Rows => new()
    {
        { "some text", "some text" },
        { "{{\"hello\"}}", "hello" },
        { "{{`raw\\n`}}", "raw\n" },
        { "{{print 1234}} {{print 12_34}} {{print 0b101}} {{print 0377}} {{print 0o17}} {{print 0x123}} {{print 0X1_f}}", "1234 1234 5 255 15 291 31" },
        { "{{print 123.4}} {{print 0_0_1_2_3.4}} {{print 1e3}} {{print 1.5e-7}} {{print -7}} {{print +7}}", "123.4 123.4 1000 1.5e-07 -7 7" },
        { "{{print 1 2 3}}|{{print \"a\" 1 2 \"b\"}}|{{print nil}}|{{print true false}}", "1 2 3|a1 2b|<nil>|true false" },
        { "{{println 1 2 3}}|{{println \"a\" \"b\"}}|", "1 2 3\n|a b\n|" },
        { "{{printf \"%d %s %v %q\" 127 \"hello\" true \"x\\\"y\"}}", "127 hello true \"x\\\"y\"" },
        { "{{printf \"%04x|%X|%#x|%o|%#o|%b|%c|%U|%#U\" 127 255 255 8 8 5 65 9731 9731}}", "007f|FF|0xff|10|010|101|A|U+2603|U+2603 '☃'" },
        { "{{printf \"%-10s|%10s|%.2s|%5.1s|\" \"left\" \"right\" \"abcdef\" \"xyz\"}}", "left      |     right|ab|    x|" },
        { "{{printf \"%g|%e|%f|%.3f|%8.2f|%-8.2f|%08.3f|%E|%G\" 3.5 1234.5678 2.0 3.14159 2.5 2.5 -3.14159 1e21 1e-7}}", "3.5|1.234568e+03|2.000000|3.142|    2.50|2.50    |-003.142|1.000000E+21|1E-07" },
        { "{{printf \"%v|%v|%v|%v|%v|%v\" 1e6 123456.0 1234567.0 0.0001 0.00001 100.0}}", "1e+06|123456|1.234567e+06|0.0001|1e-05|100" },
        { "{{printf \"%d\" \"str\"}}|{{printf \"%s\" 12}}|{{printf \"%d %d\" 1}}|{{printf \"%d\" 1 2}}|{{printf \"%!\"}}|{{printf \"%z\" 3}}", "%!d(string=str)|%!s(int=12)|1 %!d(MISSING)|1%!(EXTRA int=2)|%!!(MISSING)|%!z(int=3)" },
        { "{{printf \"%t|%v|%s\" true false nil}}", "true|false|%!s(<nil>)" },
        { "{{printf \"%5t|%-5t|\" true false}}", " true|false|" },
        { "{{printf \"%+d|% d|%+.2f|%x|%X|% x\" 5 5 2.0 \"hi\" \"hi\" \"hi\"}}", "+5| 5|+2.00|6869|6869|68 69" },
        { "{{printf \"%T %T %T %T %T\" 1 \"s\" 1.5 true nil}}", "int string float64 bool <nil>" },
        { "{{printf \"%6.2v|%q|%#q|%+q\" 3.14159 \"héllo\" \"back`tick\" \"héllo\"}}", "   3.1|\"héllo\"|\"back`tick\"|\"h\\u00e9llo\"" },
        { "{{printf \"%*d|%-*d|\" 5 42 5 42}}", "   42|42   |" },
        { "{{printf \"%%|%c|%q\" 0x1F600 'x'}}", "%|😀|'x'" },
        { "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}", "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;" },
        { "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}", "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;" },
        { "{{js \"It'd be nice. <a href=\\\"x\\\">&</a> = \\t\"}}", "It\\'d be nice. \\u003Ca href\\u003D\\\"x\\\"\\u003E\\u0026\\u003C/a\\u003E \\u003D \\u0009" },
        { "{{\"http://www.example.org/?a=b c&d\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F%3Fa%3Db+c%26d" },
        { "{{not true}} {{not false}} {{not 0}} {{not \"\"}} {{not \"x\"}}", "false true true true false" },
        { "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1" },
        { "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1" },
        { "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE" },
        { "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE" },
        { "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE" },
        { "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3" },
        { "{{with true}}{{.}}{{end}}|{{with 0}}{{.}}{{else}}z{{end}}|{{with 0}}{{.}}{{else with \"x\"}}{{.}}{{end}}", "true|z|x" },
        { "{{eq true true}} {{eq true false}} {{eq 1 1}} {{eq 1 2}} {{eq `xy` `xy`}} {{eq `xy` `xyz`}} {{eq 3 4 5 6 3}} {{eq 3 4 5 6 7}}", "true false true false true false true false" },
        { "{{ne true true}} {{ne 1 2}} {{lt 1 2}} {{lt 2 1}} {{lt `xy` `xz`}} {{le 1 2}} {{le 2 2}} {{gt 1 2}} {{gt 3 2}} {{ge 2 2}} {{lt 1.5 2.5}}", "false true true false true true true false true true true" },
        { "{{eq `xy` 1}}", "template parsing error: template: :1:2: executing \"\" at <eq `xy` 1>: error calling eq: incompatible types for comparison" },
        { "{{lt true true}}", "template parsing error: template: :1:2: executing \"\" at <lt true true>: error calling lt: invalid type for comparison" },
        { "{{eq 2 2.0}}", "template parsing error: template: :1:2: executing \"\" at <eq 2 2.0>: error calling eq: incompatible types for comparison" },
        { "{{lt 1 \"a\"}}", "template parsing error: template: :1:2: executing \"\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison" },
        { "{{eq}}", "template parsing error: template: :1:2: executing \"\" at <eq>: wrong number of args for eq: want at least 1 got 0" },
        { "{{eq 1}}", "template parsing error: template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison" },
        { "{{len \"abc\"}} {{len \"héllo\"}} {{len (split \"a,b,c\" \",\")}}", "3 6 3" },
        { "{{len 3}}", "template parsing error: template: :1:2: executing \"\" at <len 3>: error calling len: len of type int" },
        { "{{len nil}}", "template parsing error: template: :1:2: executing \"\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value" },
        { "{{index \"abc\" 1}} {{index (split \"a,b,c\" \",\") 2}}", "98 c" },
        { "{{index (split \"a,b,c\" \",\") 5}}", "template parsing error: template: :1:2: executing \"\" at <index (split \"a,b,c\" \",\") 5>: error calling index: index out of range: 5" },
        { "{{index (split \"a,b,c\" \",\") 3}}", "template parsing error: template: :1:2: executing \"\" at <index (split \"a,b,c\" \",\") 3>: error calling index: reflect: slice index out of range" },
        { "{{index nil 1}}", "template parsing error: template: :1:2: executing \"\" at <index nil 1>: error calling index: index of untyped nil" },
        { "{{index 3 1}}", "template parsing error: template: :1:2: executing \"\" at <index 3 1>: error calling index: can't index item of type int" },
        { "{{index (split \"a,b\" \",\") \"x\"}}", "template parsing error: template: :1:2: executing \"\" at <index (split \"a,b\" \",\") \"x\">: error calling index: cannot index slice/array with type string" },
        { "{{slice \"abcdef\" 1 3}} {{slice \"abcdef\"}} {{slice \"abcdef\" 2}} {{slice (split \"a,b,c,d\" \",\") 1 3}}", "bc abcdef cdef [b c]" },
        { "{{slice \"abc\" 2 1}}", "template parsing error: template: :1:2: executing \"\" at <slice \"abc\" 2 1>: error calling slice: invalid slice index: 2 > 1" },
        { "{{slice \"abc\" 1 2 3}}", "template parsing error: template: :1:2: executing \"\" at <slice \"abc\" 1 2 3>: error calling slice: cannot 3-index slice a string" },
        { "{{slice 3 1}}", "template parsing error: template: :1:2: executing \"\" at <slice 3 1>: error calling slice: can't slice item of type int" },
        { "{{split \"a,b,c\" \",\"}}|{{split \"abc\" \"\"}}|{{split \"\" \",\"}}|{{split \"a\" \"a\"}}", "[a b c]|[a b c]|[]|[ ]" },
        { "{{join (split \"a,b,c\" \",\") \"-\"}}", "a-b-c" },
        { "{{join \"abc\" \",\"}}", "template parsing error: template: :1:7: executing \"\" at <\"abc\">: can't handle \"abc\" for arg of type []string" },
        { "{{json \"a<b>&c\"}}|{{json 1.5}}|{{json 100}}|{{json (split \"a,b\" \",\")}}|{{json nil}}|{{json true}}|{{json 1e21}}|{{json 1e-7}}|{{json 0.000001}}|{{json \"\\u2028\\b\\f\\x01\"}}", "\"a<b>&c\"|1.5|100|[\"a\",\"b\"]|null|true|1e+21|1e-7|0.000001|\"\\u2028\\b\\f\\u0001\"" },
        { "{{title \"hello wORLD foo-bar foo_bar o'neil\"}}|{{lower \"ÀBC\"}}|{{upper \"abc é\"}}", "Hello WORLD Foo-Bar Foo_bar O'Neil|àbc|ABC É" },
        { "{{pad \"abc\" 2 3}}|{{pad \"\" 2 3}}|", "  abc   ||" },
        { "{{truncate \"abcdef\" 3}}|{{truncate \"ab\" 3}}|{{truncate \"abc\" 3}}|", "abc|ab|abc|" },
        { "{{truncate \"abc\" -1}}", "template parsing error: template: :1:2: executing \"\" at <truncate \"abc\" -1>: error calling truncate: runtime error: slice bounds out of range [:-1]" },
        { "{{upper 3}}", "template parsing error: template: :1:8: executing \"\" at <3>: expected string; found 3" },
        { "{{pad \"x\" \"a\" 1}}", "template parsing error: template: :1:10: executing \"\" at <\"a\">: expected integer; found \"a\"" },
        { "{{upper}}", "template parsing error: template: :1:2: executing \"\" at <upper>: wrong number of args for upper: want 1 got 0" },
        { "{{upper \"a\" \"b\"}}", "template parsing error: template: :1:2: executing \"\" at <upper>: wrong number of args for upper: want 1 got 2" },
        { "{{$x := 2}}{{$x = 3}}{{$x}}", "3" },
        { "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3" },
        { "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}", "1" },
        { "{{range $i, $e := split \"a,b,c\" \",\"}}{{$i}}={{$e}};{{end}}", "0=a;1=b;2=c;" },
        { "{{range split \"a,b,c\" \",\"}}{{if eq . \"b\"}}{{break}}{{end}}-{{.}}-{{end}}", "-a-" },
        { "{{range split \"a,b,c\" \",\"}}{{if eq . \"b\"}}{{continue}}{{end}}-{{.}}-{{end}}", "-a--c-" },
        { "{{range split \"\" \",\"}}[{{.}}]{{else}}EMPTY{{end}}", "[]" },
        { "{{range 3}}{{.}}{{end}}|{{range $i := 3}}{{$i}}{{end}}|{{range 0}}x{{else}}none{{end}}", "012|012|none" },
        { "{{range $i, $x := 3}}{{end}}", "template parsing error: template: :1:18: executing \"\" at <3>: can't use 3 to iterate over more than one variable" },
        { "{{range -1}}{{end}}", "" },
        { "{{range \"abc\"}}{{end}}", "template parsing error: template: :1:8: executing \"\" at <\"abc\">: range can't iterate over abc" },
        { "{{range true}}{{end}}", "template parsing error: template: :1:8: executing \"\" at <true>: range can't iterate over true" },
        { "x  {{- 3}}", "x3" },
        { "{{3 -}}   y", "3y" },
        { "x\t{{- 3 -}}\ty", "x3y" },
        { "x {{- /* hi */ -}} y|{{/* c */}}|", "xy||" },
        { "{{define \"T1\"}}ONE{{end}}{{define \"T2\"}}TWO {{template \"T1\"}}{{end}}{{template \"T2\"}}", "TWO ONE" },
        { "{{block \"foo\" \"x\"}}hello {{.}}{{end}}", "hello x" },
        { "{{template \"nope\"}}", "template parsing error: template: :1:11: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined" },
        { "{{define \"a\"}}{{.Nope}}{{end}}{{template \"a\" 3}}", "template parsing error: template: :1:16: executing \"a\" at <.Nope>: can't evaluate field Nope in type int" },
        { "{{(1)}} {{(print 1 2)}} {{(\"x\" | printf \"%s!\")}}", "1 1 2 x!" },
        { "{{\"x\" | printf \"%s %s\" \"y\"}}", "y x" },
        { "{{3 | printf \"%d %d\" 4}}", "4 3" },
        { "{{.X 1 2 3 ) }}", "template parsing error: template: :1: unexpected right paren" },
        { "{{.Foo}", "template parsing error: template: :1: bad character U+007D '}'" },
        { "hello{{range", "template parsing error: template: :1: unclosed action" },
        { "{{end}}", "template parsing error: template: :1: unexpected {{end}}" },
        { "hello{{range .x}}", "template parsing error: template: :1: unexpected EOF" },
        { "hello{{undefined}}", "template parsing error: template: :1: function \"undefined\" not defined" },
        { "{{$x}}", "template parsing error: template: :1: undefined variable \"$x\"" },
        { "{{with $x := 4}}{{end}}{{$x}}", "template parsing error: template: :1: undefined variable \"$x\"" },
        { "{{printf \"%d\" ( ) }}", "template parsing error: template: :1: missing value for parenthesized pipeline" },
        { "line1", "line1" },
        { "{{", "template parsing error: template: :1: unclosed action" },
        { "line1", "line1" },
        { "{{\"x\"", "template parsing error: template: :1: unclosed action" },
        { "\"y\"", "\"y\"" },
        { "{{/*}}", "template parsing error: template: :1: unclosed comment" },
        { "{{.X (1 2 3}}", "template parsing error: template: :1: unclosed left paren" },
        { "{{(.X 1 2 3", "template parsing error: template: :1: unclosed action" },
        { "{{`x`3}}", "template parsing error: template: :1: unexpected \"3\" in operand" },
        { "{{a#}}", "template parsing error: template: :1: bad character U+0023 '#'" },
        { "{{'a}}", "template parsing error: template: :1: unterminated character constant" },
        { "{{\"a}}", "template parsing error: template: :1: unterminated quoted string" },
        { "{{`a}}", "template parsing error: template: :1: unterminated raw quoted string" },
        { "{{0xi}}", "template parsing error: template: :1: illegal number syntax: \"0xi\"" },
        { "{{define `a`}}a{{end}}{{define `a`}}b{{end}}", "template parsing error: template: :1: template: multiple definition of template \"a\"" },
        { "{{range .X}}", "template parsing error: template: :1: unexpected EOF" },
        { "{{$a,$b,$c := 23}}", "template parsing error: template: :1: too many declarations in command" },
        { "{{true.any}}", "template parsing error: template: :1: unexpected . after term \"true\"" },
        { "{{12|false}}", "template parsing error: template: :1: non executable command in pipeline stage 2" },
        { "{{ ( ) }}", "template parsing error: template: :1: missing value for parenthesized pipeline" },
        { "{{range $k}}{{end}}", "template parsing error: template: :1: undefined variable \"$k\"" },
        { "{{range $k,}}{{end}}", "template parsing error: template: :1: missing value for range" },
        { "{{range $k, .}}{{end}}", "template parsing error: template: :1: range can only initialize variables" },
        { "{{range $k, 123 := .}}{{end}}", "template parsing error: template: :1: range can only initialize variables" },
        { "{{break}}", "template parsing error: template: :1: {{break}} outside {{range}}" },
        { "{{range .}}{{break 1}}{{end}}", "template parsing error: template: :1: unexpected \"1\" in {{break}}" },
        { "{{if .}}{{else}}{{else}}{{end}}", "template parsing error: template: :1: expected end; found {{else}}" },
        { "{{else}}", "template parsing error: template: :1: unexpected {{else}}" },
        { "{{nil}}", "template parsing error: template: :1:2: executing \"\" at <nil>: nil is not a command" },
        { "{{print nil.X}}", "template parsing error: template: :1: unexpected . after term \"nil\"" },
        { "{{1 2}}", "template parsing error: template: :1:2: executing \"\" at <1>: can't give argument to non-function 1" },
        { "{{\"x\" 2}}", "template parsing error: template: :1:2: executing \"\" at <\"x\">: can't give argument to non-function \"x\"" },
        { "{{9223372036854775808}}", "template parsing error: template: :1:2: executing \"\" at <9223372036854775808>: 9223372036854775808 overflows int" },
        { "{{print 1.5.6}}", "template parsing error: template: :1: unexpected \".6\" in operand" },
        { "{{'ab'}}", "template parsing error: template: :1: malformed character constant: 'ab'" },
        { "{{\"\\q\"}}", "template parsing error: template: :1: invalid syntax" },
        { "{{x:y}}", "template parsing error: template: :1: function \"x\" not defined" },
        { "{{ $x := 1 }}{{ $x }}", "1" },
        { "{{if}}{{end}}", "template parsing error: template: :1: missing value for if" },
        { "{{with}}{{end}}", "template parsing error: template: :1: missing value for with" },
        { "{{- 3 -}}", "3" },
        { "{{printf \"%s\" .Name}}|{{.Name | printf \"%q\"}}|{{$.Name}}", "default|\"default\"|default" },
        { "{{print .Name.Foo}}", "template parsing error: template: :1:13: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string" },
        { "{{json .Current}}", "true" },
        { "{{template \"x\" }}", "template parsing error: template: :1:11: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined" },
        { "{{/* a */ 3}}", "template parsing error: template: :1: comment ends before closing delimiter" },
        { "{{.Current | not}}", "false" },
        { "{{- /* only */ -}}", "" },
        { "{{range $i, $c := \"abc\"}}{{end}}", "template parsing error: template: :1:18: executing \"\" at <\"abc\">: range can't iterate over abc" },
        { "{{ printf \"%v %v\" (split \"a b\" \" \") (len \"x\") }}", "[a b] 1" },
        { "{{eq nil nil}}", "true" },    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Matches_docker_28(string template, string expected)
    {
        // docker/cli formatter's preFormat: literal \t and \n become tab and newline, outer spaces are trimmed.
        var format = template.Replace(@"\t", "\t", StringComparison.Ordinal).Replace(@"\n", "\n", StringComparison.Ordinal).Trim(' ');
        const string prefix = "template parsing error: ";
        string actual;
        try
        {
            actual = GoTemplate.Parse(format).Execute(new ContextRow());
        }
        catch (GoTemplateException e)
        {
            actual = prefix + e.Message;
        }

        Assert.Equal(expected, actual);
    }

    /// <summary>The fields of docker/cli's context-list row (<c>docker context ls --format '{{json .}}'</c>).</summary>
    [GoTypeName("*formatter.clientContextContext")]
    public sealed class ContextRow
    {
        public string Name => "default";

        public string Description => "Current DOCKER_HOST based configuration";

        public string DockerEndpoint => "unix:///var/run/docker.sock";

        public bool Current => true;

        public string Error => string.Empty;
    }
}
