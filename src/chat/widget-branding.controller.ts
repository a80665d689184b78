import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';

class BrandNameDto {
  @ApiProperty({ example: '国网在线客服' })
  zh: string;

  @ApiProperty({ example: 'Online service' })
  en: string;
}

export class WidgetBrandingDto {
  @ApiProperty({ type: BrandNameDto })
  name: BrandNameDto;

  @ApiProperty({ example: '⚡', description: 'The short text in the round logo' })
  logoText: string;

  @ApiProperty({ example: '#0b6e4f', description: 'The primary colour, #rrggbb' })
  primaryColor: string;

  @ApiProperty({
    example: 'Asia/Shanghai',
    description: "The service's IANA time zone (SERVICE_TIMEZONE): the widget shows times in it",
  })
  timeZone: string;
}

/**
 * The customer widget's branding, from the configuration (WIDGET_*), and the zone it shows
 * times in (SERVICE_TIMEZONE, as the bot's texts and the reports use it). Public and the same for
 * everyone: the widget reads it on every page that embeds it, whatever that page's origin.
 */
@ApiTags('widget')
@Controller('widget')
export class WidgetBrandingController {
  constructor(private readonly config: AppConfig) {}

  @Get('branding')
  @ApiOperation({
    summary: "The customer widget's name, logo text, primary colour and the service's time zone",
  })
  @ApiOkResponse({ type: WidgetBrandingDto })
  // Any site may embed the widget: the answer holds nothing private and no cookie is read.
  @Header('access-control-allow-origin', '*')
  @Header('cache-control', 'public, max-age=300')
  branding(): WidgetBrandingDto {
    return {
      name: { zh: this.config.WIDGET_NAME_ZH, en: this.config.WIDGET_NAME_EN },
      logoText: this.config.WIDGET_LOGO_TEXT,
      primaryColor: this.config.WIDGET_PRIMARY_COLOR,
      timeZone: this.config.SERVICE_TIMEZONE,
    };
  }
}
