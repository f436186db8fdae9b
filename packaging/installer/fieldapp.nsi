; FieldApp installer for Windows: per user (no administrator), Vietnamese first, silent with /S.
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSOURCE_DIR=dist/FieldApp
;            -DOUTFILE=dist/FieldApp-0.1.0-setup.exe fieldapp.nsi      (packaging/build.py does it)
; Silent install on many laptops from a USB stick:   FieldApp-0.1.0-setup.exe /S
; Silent uninstall, keeping the data:                 "%LOCALAPPDATA%\Programs\FieldApp\Uninstall.exe" /S
; ... and deleting the data too:                      Uninstall.exe /S /DELETEDATA
Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !error "pass -DSOURCE_DIR=<the frozen FieldApp folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "FieldApp-${VERSION}-setup.exe"
!endif
!ifndef DESK_EXE
  !define DESK_EXE "FieldApp.exe"
!endif
!ifndef CLI_EXE
  !define CLI_EXE "fieldapp-cli.exe"
!endif
!ifdef NOCOMPRESS
  SetCompress off          ; the Linux smoke test only checks that the script builds
!else
  SetCompressor /SOLID lzma
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!define APP "FieldApp"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\FieldApp"
; The data folder is platformdirs' user data folder: %LOCALAPPDATA%\FieldApp (not the program's).
!define DATA_DIR "$LOCALAPPDATA\FieldApp"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\FieldApp"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${DESK_EXE}"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: NSIS picks the language of Windows' display language, else the first one.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

; Shortcut names and the installer's own messages.
LangString SHORTCUT_DESK ${LANG_VIETNAMESE} "FieldApp - Hỗ trợ định danh điện tử"
LangString SHORTCUT_DESK ${LANG_ENGLISH} "FieldApp - e-ID support"
LangString SHORTCUT_UNINSTALL ${LANG_VIETNAMESE} "Gỡ cài đặt FieldApp"
LangString SHORTCUT_UNINSTALL ${LANG_ENGLISH} "Uninstall FieldApp"
LangString NEEDS_WIN10 ${LANG_VIETNAMESE} "FieldApp cần Windows 10 bản 1809 trở lên, loại 64-bit."
LangString NEEDS_WIN10 ${LANG_ENGLISH} "FieldApp needs 64-bit Windows 10 version 1809 or later."
LangString SECTION_PROGRAM ${LANG_VIETNAMESE} "Chương trình FieldApp"
LangString SECTION_PROGRAM ${LANG_ENGLISH} "The FieldApp program"
LangString SECTION_DATA ${LANG_VIETNAMESE} "Xóa cả dữ liệu (cơ sở dữ liệu, khóa, bản sao lưu) — không thể khôi phục"
LangString SECTION_DATA ${LANG_ENGLISH} "Also delete the data (database, keys, backups) — cannot be undone"
LangString DATA_KEPT ${LANG_VIETNAMESE} "Dữ liệu được giữ lại tại: ${DATA_DIR}"
LangString DATA_KEPT ${LANG_ENGLISH} "The data is kept in: ${DATA_DIR}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt FieldApp"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "MIT"

Function .onInit
  ; The floor of PySide6 / Qt 6: 64-bit Windows 10 1809 (build 17763) or later.
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "$(NEEDS_WIN10)" /SD IDOK
    Abort
  ${EndIf}
  SetShellVarContext current
FunctionEnd

Section "!$(SECTION_PROGRAM)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder whole: no stale module of an older version stays.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}/*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\FieldApp"
  CreateShortcut "$SMPROGRAMS\FieldApp\$(SHORTCUT_DESK).lnk" "$INSTDIR\${DESK_EXE}"
  CreateShortcut "$SMPROGRAMS\FieldApp\$(SHORTCUT_UNINSTALL).lnk" "$INSTDIR\Uninstall.exe"
  CreateShortcut "$DESKTOP\$(SHORTCUT_DESK).lnk" "$INSTDIR\${DESK_EXE}"

  ; Apps & features, for this user only.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "FieldApp"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${DESK_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; ---------------------------------------------------------------- uninstaller
Section "un.$(SECTION_PROGRAM)" SecUninstallProgram
  SectionIn RO
  Delete "$SMPROGRAMS\FieldApp\$(SHORTCUT_DESK).lnk"
  Delete "$SMPROGRAMS\FieldApp\$(SHORTCUT_UNINSTALL).lnk"
  RMDir "$SMPROGRAMS\FieldApp"
  Delete "$DESKTOP\$(SHORTCUT_DESK).lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${DESK_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Off unless ticked (or /DELETEDATA): the data is the campaign's record.
Section /o "un.$(SECTION_DATA)" SecData
  RMDir /r "${DATA_DIR}"
SectionEnd

Section "-un.Report"
  ${IfNot} ${SectionIsSelected} ${SecData}
    DetailPrint "$(DATA_KEPT)"
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext current
  ; /DELETEDATA on the command line ticks "delete the data" (for a silent uninstall).
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecData}
  ${EndIf}
FunctionEnd

