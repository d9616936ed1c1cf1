# Builds Latent Studio's Windows installer (.msi) with jpackage: the same steps as
# installers/common/lib.sh and installers/linux/build.sh, in PowerShell. It cannot run on the
# project's Linux machines and has not been tried yet.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 -SkipMaven
#
# Needs JDK 17 (jpackage, jlink), Maven, and WiX Toolset 3.x (candle.exe and light.exe on PATH;
# JDK 17's jpackage does not use WiX 4 or later). Output in installers\target\windows\.
# Environment: APP_VERSION (default: the jar's version without -SNAPSHOT), MAVEN_FLAGS.
param([switch]$SkipMaven)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path "$PSScriptRoot\..\..").Path
$target = "$root\studio-app\target"
$out = "$root\installers\target\windows"
$app = "$out\app"
$runtime = "$out\runtime"
Set-Location $root

function Need($tool, $hint) {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "'$tool' not found: $hint" }
}
function Timed($name, [scriptblock]$block) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $block
    if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "$name failed (exit $LASTEXITCODE)" }
    Write-Host ("{0}: {1:N1} s" -f $name, $watch.Elapsed.TotalSeconds)
}
function SizeMiB($path) {
    $bytes = (Get-ChildItem $path -Recurse -File | Measure-Object -Sum Length).Sum
    return "{0:N1}" -f ($bytes / 1MB)
}

Need jpackage 'install a full JDK 17'
Need jlink 'install a full JDK 17'
Need candle.exe 'install WiX Toolset 3.14 and put its bin folder on PATH'
New-Item -ItemType Directory -Force $out | Out-Null

if (-not $SkipMaven) {
    Need mvn 'install Maven 3.8+'
    Timed 'maven package' { mvn -B -q -DskipTests "-Dlibtorch.classifier=win-x86_64" $env:MAVEN_FLAGS package }
}
if (-not (Test-Path "$target\studio.jar")) { throw 'studio-app\target\studio.jar is missing: run mvn package first' }

# Version: the jar's Implementation-Version without -SNAPSHOT (MSI wants N.N.N).
$version = $env:APP_VERSION
if (-not $version) {
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead("$target\studio.jar")
    $reader = New-Object IO.StreamReader($zip.GetEntry('META-INF/MANIFEST.MF').Open())
    $manifest = $reader.ReadToEnd(); $reader.Close(); $zip.Dispose()
    $version = ([regex]'Implementation-Version: *([^\r\n]+)').Match($manifest).Groups[1].Value -replace '-SNAPSHOT$', ''
}
if ($version -notmatch '^\d+(\.\d+){0,2}$') { throw "version '$version' is not N[.N[.N]]: set APP_VERSION" }

Timed 'stage app files' {
    # See installers/common/lib.sh: jars, JavaFX natives beside them, libtorch unpacked by DJL, assets.
    Remove-Item -Recurse -Force $app -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force "$app\lib", "$app\djl", "$app\assets" | Out-Null
    Copy-Item "$target\studio.jar" $app
    foreach ($jar in Get-ChildItem "$target\lib\*.jar") {
        if ($jar.Name -like 'javafx-*-win.jar') { Copy-Item $jar.FullName "$app\lib" }
        elseif ($jar.Name -like 'javafx-*') { }
        elseif ($jar.Name -like 'pytorch-native-*') {
            $tmp = New-Item -ItemType Directory -Force "$out\stub"
            Push-Location $tmp
            jar xf $jar.FullName native/lib/pytorch.properties META-INF/MANIFEST.MF
            jar --create --file "$app\lib\$($jar.Name)" --manifest META-INF\MANIFEST.MF native
            Pop-Location
            Remove-Item -Recurse -Force $tmp
        }
        else { Copy-Item $jar.FullName "$app\lib" }
    }
    $graphics = Get-ChildItem "$app\lib\javafx-graphics-*-win.jar" | Select-Object -First 1
    if (-not $graphics) { throw "no javafx-graphics Windows jar in $target\lib: build on Windows" }
    $fx = New-Item -ItemType Directory -Force "$out\fx"
    Push-Location $fx; jar xf $graphics.FullName; Pop-Location
    Copy-Item "$fx\*.dll" "$app\lib"
    Remove-Item -Recurse -Force $fx
    java -cp "$target\lib\*" "$root\installers\common\ExtractNatives.java" "$app\djl"
    Copy-Item -Recurse "$root\assets\*" "$app\assets"
}

Timed 'jlink runtime' {
    Remove-Item -Recurse -Force $runtime -ErrorAction SilentlyContinue
    $modules = (Get-Content "$root\installers\common\runtime-modules.txt" -Raw).Trim()
    jlink --add-modules $modules --strip-debug --no-header-files --no-man-pages --strip-native-commands `
        --compress=2 --output $runtime
}

Get-ChildItem "$out\*.msi" -ErrorAction SilentlyContinue | Remove-Item
Timed 'jpackage msi' {
    jpackage --type msi '@installers/common/jpackage.args' '@installers/windows/jpackage.args' `
        --app-version $version --icon assets\icons\latent-studio.ico `
        --input $app --runtime-image $runtime --dest $out
}
Write-Host "runtime $(SizeMiB $runtime) MiB"
Get-ChildItem "$out\*.msi" | ForEach-Object { Write-Host "$($_.Name) $(SizeMiB $_.FullName) MiB" }
